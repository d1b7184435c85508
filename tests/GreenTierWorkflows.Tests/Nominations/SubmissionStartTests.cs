using System.Net;
using System.Net.Http.Json;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>
/// Submitting a nomination and starting its workflow succeed or fail together: the workflow store failing to commit the
/// first step leaves the nomination a draft, with no history line, no workflow instance and no task, and a Chinese refusal;
/// submitting again afterwards starts exactly one workflow.
/// </summary>
public sealed class SubmissionStartTests(FaultInjectingApp app) : NominationSteps(app), IClassFixture<FaultInjectingApp>
{
    private FaultInjectingApp Faults => (FaultInjectingApp)App;

    [Fact]
    public async Task TheStoreFailingWhileStarting_LeavesNoSubmittedNomination_AndTheRetrySubmitsOnce()
    {
        var id = await DraftAsync("tunxi", "341002", "屯溪启动失败测试企业");
        await ReadAsync(await UploadAsync("tunxi", id, Pdf()), HttpStatusCode.Created);
        var client = await App.ClientAsync("tunxi");
        Faults.StoreCommit.Arm();

        var refused = await client.PostAsync($"/api/nominations/{id}/submit", null);

        var body = await refused.Content.ReadAsStringAsync();
        Assert.False(Faults.StoreCommit.Armed, "the injected store failure did not happen");
        Assert.True(refused.StatusCode == HttpStatusCode.Conflict, $"{(int)refused.StatusCode}: {body}");
        Assert.Contains("申报未提交，仍为草稿", (await refused.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["detail"]!.GetValue<string>());
        var nomination = await App.QueryAsync(db => db.Nominations.AsNoTracking().SingleAsync(n => n.Id == id));
        Assert.Equal((NominationStatus.Draft, "草稿", (DateTimeOffset?)null, (string?)null),
            (nomination.Status, nomination.Stage, nomination.SubmittedAt, nomination.WorkflowInstanceId));
        Assert.Equal(["创建申报"], await App.QueryAsync(db => db.NominationEvents.Where(e => e.NominationId == id).Select(e => e.Action).ToListAsync()));
        Assert.Equal(0, await App.QueryAsync(db => db.ReviewTasks.CountAsync(t => t.NominationId == id)));
        Assert.Equal(0, await InstancesAsync(id));

        var submitted = await ReadAsync(await client.PostAsync($"/api/nominations/{id}/submit", null), HttpStatusCode.OK);
        Assert.Equal("InProgress", submitted["status"]!.GetValue<string>());
        Assert.Equal(1, await InstancesAsync(id));
        await TaskAsync("city", id, "市级评审");

        // The instance is named after the applicant and what it applies for (Studio's instance list shows the name).
        var started = await App.QueryAsync(db => db.Nominations.AsNoTracking().SingleAsync(n => n.Id == id));
        Assert.Equal($"屯溪启动失败测试企业 · {started.Year} 年{DomainText.Of(started.TargetTier)}绿色工厂申报", started.WorkflowInstanceName);
        Assert.Equal(started.WorkflowInstanceName, await InstanceNameAsync(id));
    }

    private async Task<string?> InstanceNameAsync(string nominationId)
    {
        var contexts = App.Factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return await db.WorkflowInstances.Where(i => i.CorrelationId == nominationId).Select(i => i.Name).SingleAsync();
    }

    private async Task<int> InstancesAsync(string nominationId)
    {
        var contexts = App.Factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return await db.WorkflowInstances.CountAsync(i => i.CorrelationId == nominationId);
    }
}
