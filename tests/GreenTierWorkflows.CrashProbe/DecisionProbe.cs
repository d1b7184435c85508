using GreenTierWorkflows.Domain.Activities;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Application.Tasks;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Persistence;
using GreenTierWorkflows.Runtime;
using GreenTierWorkflows.Runtime.Management;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GreenTierWorkflows.CrashProbe;

/// <summary>
/// <c>decide DATA_DIR TASK_ID USER OUTCOME STOP_AT FILE...</c>: the decision use case (<see cref="ReviewTaskService.DecideAsync"/>)
/// composed as the web host composes it, on the app's SQLite file (<c>DATA_DIR/greentier.db</c>) and material files
/// (<c>DATA_DIR/materials</c>), deciding with the given PDFs. It stops where the crash test kills it and says so on a line:
/// <c>STOP_AT</c> = <c>stored:N</c> hangs after the N-th file is stored ("stored ID" for each), <c>committed</c> hangs
/// after the workflow step committed and before its effects are applied ("committed"), <c>none</c> runs to the end ("decided").
/// </summary>
internal static class DecisionProbe
{
    public static async Task<int> RunAsync(string[] args, Action<string> say)
    {
        if (args.Length < 6) return 2;
        var (dataDirectory, taskId, userName, outcome, stopAt) = (args[1], args[2], args[3], args[4], args[5]);
        var stopAfterStored = stopAt.StartsWith("stored:", StringComparison.Ordinal) ? int.Parse(stopAt[7..], System.Globalization.CultureInfo.InvariantCulture) : -1;

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nominations:MaterialsDirectory"] = Path.Combine(dataDirectory, "materials"),
        }).Build();
        var database = AppDatabase.Sqlite(Path.Combine(dataDirectory, "greentier.db"));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWorkflowRuntime(runtime => runtime.AddGreenTierActivities());
        services.AddWorkflowStore(database);
        services.AddSingleton(new GreenTierWorkflows.Domain.Calendar.WorkingDayCalendar()); // Monday–Friday: no 公示 is counted here
        // Registered before the nominations' effect observer, so the runtime calls it first and it blocks the pipeline: the
        // step is committed, its effects are not applied.
        if (stopAt == "committed") services.AddSingleton<IWorkflowStepObserver>(new HangingObserver(say));
        GreenTierWorkflows.Application.ApplicationServiceCollectionExtensions.AddGreenTierApplication(services, configuration, database);
        // The hook: the real file store, announcing each stored file and hanging after the chosen one.
        services.AddScoped<FileMaterialContentStore>();
        var stored = 0;
        services.Replace(ServiceDescriptor.Scoped<IMaterialContentStore>(sp => new AnnouncingContentStore(sp.GetRequiredService<FileMaterialContentStore>(), material =>
        {
            say("stored " + material.Id);
            if (Interlocked.Increment(ref stored) == stopAfterStored) Hang(say, "paused");
        })));
        await using var provider = services.BuildServiceProvider();

        using var scope = provider.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
        var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        var official = new Official(user.Id, userName, user.DisplayName, roles, user.Jurisdiction);
        var attachments = args.Skip(6).Select(path => new DecisionAttachment(Path.GetFileName(path), new FileInfo(path).Length, () => File.OpenRead(path))).ToList();
        // An approval at 现场核查 answers its checklist: every item 符合.
        var checklist = (await db.ReviewTasks.AsNoTracking().SingleAsync(t => t.Id == taskId)).Checklist
            .Select(item => new ChecklistAnswerInput(item.Code, ChecklistVerdicts.Conforms, null)).ToList();
        var result = await scope.ServiceProvider.GetRequiredService<ReviewTaskService>().DecideAsync(official, taskId, outcome, "现场核查记录见附件", attachments,
            checklist: outcome == "通过" ? checklist : null);
        say(result.Ok ? "decided" : "refused " + result.Error!.Message);
        return result.Ok ? 0 : 1;
    }

    private static void Hang(Action<string> say, string line)
    {
        say(line);
        Thread.Sleep(Timeout.Infinite); // blocks this call where it is, until the test kills the process
    }

    /// <summary>Announces "committed" and hangs: the first link of the post-commit pipeline.</summary>
    private sealed class HangingObserver(Action<string> say) : IWorkflowStepObserver
    {
        public Task OnStepCommittedAsync(WorkflowRunResult run, CancellationToken ct)
        {
            Hang(say, "committed");
            return Task.CompletedTask;
        }
    }

    /// <summary>The file store, calling back after each material is stored (its file written and its row committed).</summary>
    private sealed class AnnouncingContentStore(IMaterialContentStore inner, Action<Material> stored) : IMaterialContentStore
    {
        public async Task AddAsync(Material material, byte[] bytes, CancellationToken ct = default)
        {
            await inner.AddAsync(material, bytes, ct);
            stored(material);
        }

        public Task<byte[]?> ReadAsync(string sha256, CancellationToken ct = default) => inner.ReadAsync(sha256, ct);
        public Task<bool> ExistsAsync(string sha256, CancellationToken ct = default) => inner.ExistsAsync(sha256, ct);
        public Task RemoveAsync(IReadOnlyCollection<Material> materials, CancellationToken ct = default) => inner.RemoveAsync(materials, ct);
        public Task<int> RemoveOrphansAsync(TimeSpan minimumAge, CancellationToken ct = default) => inner.RemoveOrphansAsync(minimumAge, ct);
    }
}
