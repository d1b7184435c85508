using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Persistence;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using GreenTierWorkflows.Web.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Tests.Web;

/// <summary>workflows/*.json are imported at start-up when newer than what is stored, and never over a Studio edit.</summary>
public sealed class WorkflowFolderImporterTests : IDisposable
{
    private const string DefinitionId = "annual-declaration-round";
    private readonly string _dir = Directory.CreateTempSubdirectory("gtw-import-").FullName;
    private readonly RuntimeHarness _h = new(extraActivities: GreenTierWorkflows.Domain.Activities.GreenTierActivities.Create());
    private string File1 => Path.Combine(_dir, "annual-declaration-round.json");

    public WorkflowFolderImporterTests() => File.Copy(Path.Combine(RepoPaths.Workflows, "annual-declaration-round.json"), File1);

    private WorkflowFolderImporter Importer() => new(_h.Store, _h.Definitions, Options.Create(new DataOptions { WorkflowsDirectory = _dir }),
        new TestEnvironment(_dir), NullLogger<WorkflowFolderImporter>.Instance);

    private void Touch(TimeSpan relativeToClock) => File.SetLastWriteTimeUtc(File1, (_h.Clock.GetUtcNow() + relativeToClock).UtcDateTime);

    private async Task<WorkflowDefinitionRecord> PublishedAsync() => (await _h.Store.FindDefinitionAsync(DefinitionId, VersionOptions.Published))!;

    private void EditFile(string text)
    {
        var json = JsonNode.Parse(File.ReadAllText(File1))!.AsObject();
        json["root"]!["activities"]![3]!["text"]!["expression"]!["value"] = text;
        File.WriteAllText(File1, json.ToJsonString());
    }

    [Fact]
    public async Task ImportAsync_PublishesEveryFile_WhenStoreIsEmpty_AndSkipsThemOnTheNextStart()
    {
        Touch(TimeSpan.FromDays(-1));
        Assert.Equal(1, await Importer().ImportAsync());
        Assert.Equal(1, (await PublishedAsync()).Version);

        Assert.Equal(0, await Importer().ImportAsync());
        Assert.Equal(1, (await PublishedAsync()).Version);
    }

    [Fact]
    public async Task ImportAsync_StoresAVersion2FileOnce_OnAnEmptyStore_AndLeavesItAloneOnTheNextStart()
    {
        // The thin nomination parents are version 2 files (version 1 is the full flowchart under workflows/archive/); an
        // empty store keeps the first import as its version 1, which the next start must not copy again as version 2.
        foreach (var name in new[] { "nomination-review-path.json", "green-park-nomination.json" })
        {
            var copy = Path.Combine(_dir, name);
            File.Copy(Path.Combine(RepoPaths.Workflows, name), copy);
            File.SetLastWriteTimeUtc(copy, (_h.Clock.GetUtcNow() - TimeSpan.FromDays(1)).UtcDateTime);
        }
        Touch(TimeSpan.FromDays(-1));
        Assert.Equal(3, await Importer().ImportAsync());

        Assert.Equal(0, await Importer().ImportAsync());
        var park = (await _h.Store.FindDefinitionAsync("green-park-nomination", VersionOptions.Latest))!;
        Assert.Equal((1, true), (park.Version, park.IsPublished));
    }

    [Fact]
    public async Task ImportAsync_AddsAPublishedVersion_WhenTheFileChangedAfterTheStoredVersion()
    {
        Touch(TimeSpan.FromDays(-1));
        await Importer().ImportAsync();
        var running = await _h.Runtime.StartAsync(DefinitionId);

        EditFile("{{ Variables.Round.year }} 年度申报开始（文件修订）");
        Touch(TimeSpan.FromHours(1));
        Assert.Equal(1, await Importer().ImportAsync());

        var published = await PublishedAsync();
        Assert.Equal(2, published.Version);
        Assert.Contains("文件修订", published.Json);
        Assert.Equal(1, (await _h.Store.FindInstanceAsync(running.State.Id))!.State.DefinitionVersion);
    }

    [Fact]
    public async Task ImportAsync_LeavesAStudioEditAlone_WhenTheFileIsOlder()
    {
        Touch(TimeSpan.FromDays(-1));
        await Importer().ImportAsync();
        var studio = WorkflowDefinitionDocument.Parse((await PublishedAsync()).Json);
        studio.Name = "年度申报轮次（Studio 修改）";
        await _h.Definitions.SaveAsync(studio, publish: true);

        Assert.Equal(0, await Importer().ImportAsync());
        var published = await PublishedAsync();
        Assert.Equal(2, published.Version);
        Assert.Equal("年度申报轮次（Studio 修改）", published.Name);
    }

    [Fact]
    public async Task ImportAsync_RefusesToStart_WhenAFileHasErrors()
    {
        var bad = Wf.Definition("broken", Wf.Flowchart("fc", [Wf.Activity("x", "Acme.Missing")]));
        File.WriteAllText(Path.Combine(_dir, "broken.json"), bad.ToJsonString());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Importer().ImportAsync());
        Assert.Contains("broken.json", error.Message);
        Assert.Contains("Acme.Missing", error.Message);
    }

    public void Dispose()
    {
        _h.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private sealed class TestEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "GreenTierWorkflows.Web";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
