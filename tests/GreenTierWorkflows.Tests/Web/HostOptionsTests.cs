using GreenTierWorkflows.Runtime.Tests.TestSupport;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Notifications;
using GreenTierWorkflows.Tests.ElsaApi;
using GreenTierWorkflows.Tests.Scheduling;
using GreenTierWorkflows.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Tests.Web;

/// <summary>
/// The host binds its settings as options validated on start and leaves the configuration as written: a wrong scheduling
/// or nomination setting stops the start with its reason, the materials directory defaults beside the data without a
/// configuration key being written, and Hangfire switches the notice polling loop off through the notice options,
/// not by rewriting other modules' settings. Hangfire keeps process-wide state, hence its collection.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class HostOptionsTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gtw-options-" + Guid.NewGuid().ToString("N"));

    private WebApplicationFactory<Program> App(params (string Key, string Value)[] settings) => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        b.UseEnvironment("Development");
        b.UseSetting("Demo:Enabled", "true");
        b.UseSetting("Data:Directory", _data);
        b.UseSetting("Data:WorkflowsDirectory", RepoPaths.Workflows);
        foreach (var (key, value) in settings) b.UseSetting(key, value);
    });

    [Fact]
    public void Start_Fails_WhenSchedulingProviderIsUnknown()
    {
        using var app = App(("Scheduling:Provider", "Quartz"), ("Scheduling:WorkerCount", "0"));
        var invalid = StartFailure(app);
        Assert.Contains("Scheduling:Provider「Quartz」不正确", invalid.Message);
        Assert.Contains("Scheduling:WorkerCount", invalid.Message);
    }

    [Fact]
    public void Start_Fails_WhenANominationSettingIsInvalid()
    {
        using var app = App(("Nominations:MaxMaterialBytes", "0"), ("Nominations:EffectRetrySeconds", "-5"));
        var invalid = StartFailure(app);
        Assert.Contains("Nominations:MaxMaterialBytes 必须大于 0", invalid.Message);
        Assert.Contains("Nominations:EffectRetrySeconds 必须大于 0", invalid.Message);
    }

    [Fact]
    public void Start_Fails_WhenFileStorageHasNoMaterialsDirectory()
    {
        using var app = App(("Nominations:MaterialStorage", "Files"), ("Nominations:MaterialsDirectory", " "));
        Assert.Contains("Nominations:MaterialsDirectory 不能为空", StartFailure(app).Message);
    }

    [Fact]
    public void MaterialsDirectory_DefaultsBesideTheData_WithoutRewritingConfiguration()
    {
        using var app = App();
        Assert.Null(app.Services.GetRequiredService<IConfiguration>()["Nominations:MaterialsDirectory"]);
        Assert.Equal(Path.Combine(Path.GetFullPath(_data), "materials"), app.Services.GetRequiredService<IOptions<MaterialStorageOptions>>().Value.MaterialsDirectory);
    }

    private static OptionsValidationException StartFailure(WebApplicationFactory<Program> app)
    {
        var thrown = Record.Exception(() => app.Services);
        var invalid = thrown as OptionsValidationException ?? (thrown as AggregateException)?.InnerExceptions.OfType<OptionsValidationException>().FirstOrDefault()
            ?? thrown?.InnerException as OptionsValidationException;
        Assert.True(invalid is not null, $"expected an options validation failure, got: {thrown}");
        return invalid;
    }

    [Fact]
    public void Hangfire_StopsNoticePolling_ThroughOptions_WithoutRewritingConfiguration()
    {
        using var app = App(("Notices:PollSeconds", "7"), ("Nominations:DeadlineCheckSeconds", "9"));
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        Assert.Equal(("7", "9"), (configuration["Notices:PollSeconds"], configuration["Nominations:DeadlineCheckSeconds"]));
        Assert.True(app.Services.GetRequiredService<SchedulingOptions>().UsesHangfire);
        Assert.Equal(0, app.Services.GetRequiredService<IOptions<NoticeOptions>>().Value.PollSeconds);
        Assert.Equal(9, app.Services.GetRequiredService<IOptions<DeadlineCheckOptions>>().Value.DeadlineCheckSeconds);
    }

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
