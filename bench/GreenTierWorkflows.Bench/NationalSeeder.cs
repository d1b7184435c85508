using System.Diagnostics;
using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Application.Pools;
using GreenTierWorkflows.Application.Registry;
using GreenTierWorkflows.Application.Tasks;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Web.Hosting;
using GreenTierWorkflows.Web.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Bench;

/// <summary>Where a national data set goes: a data directory (SQLite) or a PostgreSQL connection string.</summary>
internal sealed record SeedTarget(string DataDirectory, string? PostgreSql)
{
    /// <summary>The settings the app itself needs to run on this data (the load harness starts it with them).</summary>
    public Dictionary<string, string?> Settings(string repoRoot) => new()
    {
        ["Data:Directory"] = DataDirectory,
        ["Data:Provider"] = PostgreSql is null ? "Sqlite" : "PostgreSql",
        ["ConnectionStrings:GreenTier"] = PostgreSql,
        ["Data:WorkflowsDirectory"] = Path.Combine(repoRoot, "workflows"),
        ["Data:CalendarsDirectory"] = Path.Combine(repoRoot, "calendars"),
        ["Notices:TemplatesDirectory"] = Path.Combine(repoRoot, "templates"),
        ["Notices:PollSeconds"] = "0",
        ["Demo:Enabled"] = "true",
        ["Demo:AllowInProduction"] = "true",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
    };
}

/// <summary>What the generator built and how fast.</summary>
internal sealed record SeedResult(int Nominations, TimeSpan Elapsed, long UseCaseCalls, IReadOnlyDictionary<string, long> Rows)
{
    /// <summary>How many times the seeded set exists after copying (1: not copied).</summary>
    public int Copies { get; init; } = 1;
    public TimeSpan CopyElapsed { get; init; }
    public IReadOnlyDictionary<string, long> CopiedRows { get; init; } = new Dictionary<string, long>();

    public long TotalRows => Rows.Values.Sum();
}

/// <summary>
/// Builds a national-scale year through the application's own use cases, in-process, on the app's real composition
/// (<c>AddGreenTierCore</c>: the EF store, the workflow runtime with <c>workflows/</c> imported, the effects applier, demo
/// accounts and open declaration windows): per nomination a new enterprise (<see cref="EnterpriseRegistry.CreateAsync"/>),
/// its pool enrolment (<see cref="CultivationPool.EnrolAsync"/>), a draft (<see cref="NominationService.CreateAsync"/>),
/// its 评价报告 (<see cref="NominationService.AddMaterialAsync"/>), the district's submission
/// (<see cref="NominationService.SubmitAsync"/>) and then the review decisions through <see cref="ReviewTaskService.CompleteAsync"/>
/// (the one decision use case behind the API and the task page), so every row — tasks, history, workflow instances,
/// bookmarks, listings, audit — is what the app writes. Nominations end at every stage: 5 % drafts, 30 % waiting for
/// 市级评审, 15 % at 现场核查, 10 % at 市级推荐, 10 % at 省级评审, 10 % past it (公示/名单), 10 % 不通过 at 市级评审, 5 %
/// 退回修改 and 5 % 不通过 at 现场核查. Each use case commits its own transaction (they do not take a batch), so the rate is
/// the app's write rate; several workers run side by side as concurrent officials would.
/// </summary>
internal static class NationalSeeder
{
    private static readonly byte[] Report = MakePdf();
    private static readonly AdministrativeUnit[] Units = HuangshanUnits.Districts.ToArray();

    public static async Task<SeedResult> RunAsync(string repoRoot, SeedTarget target, int nominations, int copies, int workers, Action<string> progress)
    {
        Directory.CreateDirectory(target.DataDirectory);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = Path.Combine(repoRoot, "src", "GreenTierWorkflows.Web"),
            EnvironmentName = "Production",
        });
        var settings = target.Settings(repoRoot);
        settings[$"Nominations:ProvincialQuota:{ChinaTime.CurrentYear(TimeProvider.System)}"] = "1000000";
        settings["Nominations:MaterialsDirectory"] = Path.Combine(target.DataDirectory, "materials");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddGreenTierCore().AddGreenTierAuth();
        builder.AddGreenTierAccounts();
        await using var app = builder.Build();
        // The start-up the app runs before its first request: migrations, demo accounts and windows, workflows/ imported.
        await app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<StartupTasks>().Single().StartAsync(CancellationToken.None);

        var year = ChinaTime.CurrentYear(TimeProvider.System);
        int first;
        using (var scope = app.Services.CreateScope())
            first = await scope.ServiceProvider.GetRequiredService<GreenTierDbContext>().Enterprises.CountAsync();
        var before = await CountRowsAsync(app.Services);
        var watch = Stopwatch.StartNew();
        long calls = 0;
        var done = 0;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < nominations)
            {
                Interlocked.Add(ref calls, await OneAsync(app.Services, first + i, i, year));
                var n = Interlocked.Increment(ref done);
                if (n % 500 == 0) progress($"seed: {n:#,0}/{nominations:#,0} nominations, {n / watch.Elapsed.TotalSeconds:0.0}/s");
            }
        })));
        watch.Stop();
        var after = await CountRowsAsync(app.Services);
        var seeded = new SeedResult(nominations, watch.Elapsed, calls, after.ToDictionary(r => r.Key, r => r.Value - before.GetValueOrDefault(r.Key)));
        if (copies <= 1) return seeded;
        progress($"copy: the seeded nominations × {copies}, set-based");
        var copyWatch = Stopwatch.StartNew();
        await SeedCopier.CopyAsync(app.Services, copies);
        var copied = await CountRowsAsync(app.Services);
        return seeded with { Copies = copies, CopyElapsed = copyWatch.Elapsed, CopiedRows = copied.ToDictionary(r => r.Key, r => r.Value - after.GetValueOrDefault(r.Key)) };
    }

    /// <summary>One nomination's life up to its target stage; returns the number of use-case calls.</summary>
    private static async Task<int> OneAsync(IServiceProvider services, int serial, int i, int year)
    {
        var unit = Units[i % Units.Length];
        var district = new Official($"seed-{unit.Code}", $"seed-{unit.Code}", unit.Name, [Roles.District], unit.Code);
        var name = $"{unit.Name.TrimEnd('区', '县')}绿色制造示范企业{serial:D6}有限公司";
        var body = $"91{unit.Code}MA{serial:D7}";
        var calls = 0;

        string nominationId;
        using (var scope = services.CreateScope())
        {
            var sp = scope.ServiceProvider;
            var enterprise = Must(await sp.GetRequiredService<EnterpriseRegistry>().CreateAsync(district,
                new EnterpriseInput(body + CreditCode.CheckCharacter(body), name, unit.Code, $"C{13 + i % 31}10", "民营")), "企业");
            Must(await sp.GetRequiredService<CultivationPool>().EnrolAsync(district, new PoolEnrolment(year, enterprise.Id, null, "GreenFactory")), "入库");
            var draft = Must(await sp.GetRequiredService<NominationService>().CreateAsync(district, new NominationDraft(
                NominationType.GreenFactory, i % 10 == 9 ? Tier.City : Tier.Province, year, enterprise.Id, null, EvaluationMode.ThirdParty,
                "安徽绿色制造评价中心", "GB/T 36132-2025", 70 + i % 30,
                Enumerable.Range(1, 6).Select(k => new NegativeListDeclaration { Item = k, Clear = true, Evidence = "信用中国查询无记录" }).ToList())), "草稿");
            nominationId = draft.Id;
            await using var pdf = new MemoryStream(Report, writable: false);
            Must(await sp.GetRequiredService<NominationService>().AddMaterialAsync(district, nominationId, "评价报告", "评价报告.pdf", "application/pdf", pdf, Report.Length), "材料");
            calls += 4;
        }
        (bool Submit, int Approvals, string? Last) plan = (i % 20) switch
        {
            0 => (false, 0, null),
            <= 6 => (true, 0, null),
            <= 9 => (true, 1, null),
            <= 11 => (true, 2, null),
            <= 13 => (true, 3, null),
            <= 15 => (true, 8, null),
            <= 17 => (true, 0, "不通过"),
            18 => (true, 0, "退回修改"),
            _ => (true, 1, "不通过"),
        };
        if (!plan.Submit) return calls;
        using (var scope = services.CreateScope())
            Must(await scope.ServiceProvider.GetRequiredService<NominationService>().SubmitAsync(district, nominationId), "提交");
        calls++;

        for (var step = 0; step < plan.Approvals + (plan.Last is null ? 0 : 1); step++)
        {
            using var scope = services.CreateScope();
            var sp = scope.ServiceProvider;
            var task = await sp.GetRequiredService<GreenTierDbContext>().ReviewTasks.AsNoTracking()
                .Where(t => t.NominationId == nominationId && t.Status == ReviewTaskStatus.Open).OrderBy(t => t.CreatedAt).FirstOrDefaultAsync();
            if (task is null) break; // the path ended (e.g. a city-tier nomination is listed after fewer steps)
            var outcome = step < plan.Approvals ? "通过" : plan.Last!;
            if (!task.Outcomes.Contains(outcome)) break;
            var who = task.AssigneeRole == Roles.District ? district : new Official($"seed-{task.AssigneeRole}", $"seed-{task.AssigneeRole}", "市经信局", [task.AssigneeRole], null);
            var checklist = outcome == "通过" ? task.Checklist.Select(c => new ChecklistAnswerInput(c.Code, "符合", null)).ToList() : null;
            Must(await sp.GetRequiredService<ReviewTaskService>().CompleteAsync(who, task.Id, outcome,
                outcome == "通过" ? null : "材料与现场情况不符，请核实后说明。", checklist: checklist), $"{task.Stage} {outcome}");
            calls++;
        }
        return calls;
    }

    private static T Must<T>(GreenTierWorkflows.Domain.Refusals.DomainResult<T> result, string what) =>
        result.Ok ? result.Value! : throw new InvalidOperationException($"{what}: {result.Error!.Message}");

    /// <summary>Rows per table of the app's database (what the generator's rows/s counts).</summary>
    public static async Task<Dictionary<string, long>> CountRowsAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            rows[table] = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        return rows;
    }

    private static byte[] MakePdf()
    {
        var bytes = new byte[4096];
        "%PDF-1.7\n"u8.CopyTo(bytes);
        "\n%%EOF\n"u8.CopyTo(bytes.AsSpan(bytes.Length - 7));
        return bytes;
    }
}
