using System.Data.Common;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Pools;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Domain.Stages;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.Scale;

/// <summary>
/// An app of its own on a SQLite file holding a national-scale year: <see cref="Nominations"/> nominations (more than
/// SQLite's 32,766 bound variables) spread over the eight units, each with a submission and a city-review history line
/// one day apart, an open city-review task due in five days and a pool membership. One template row of each kind is written through EF
/// Core; the rest are copied from it by one set-based INSERT … SELECT per table (seconds, not minutes).
/// </summary>
public sealed class NationalScaleFixture : NominationFixture
{
    public const int Nominations = 34_000;
    public const int Year = 2026;
    /// <summary>The one enterprise with a credit code: the template's applicant, found by the keyword search.</summary>
    public const string TemplateName = "规模测试模板企业有限公司";

    public string TemplateCreditCode { get; private set; } = "";

    protected override async Task OnStartedAsync()
    {
        await base.OnStartedAsync();
        var enterpriseId = await EnrolEnterpriseAsync("341021", TemplateName, Year);
        TemplateCreditCode = await QueryAsync(db => db.Enterprises.Where(e => e.Id == enterpriseId).Select(e => e.CreditCode).SingleAsync());
        var submitted = Now.AddDays(-10);
        await WithDbAsync(db =>
        {
            db.Nominations.Add(new Nomination
            {
                Id = "scale-000000", Type = NominationType.GreenFactory, TargetTier = Tier.Province, Year = Year, DistrictCode = "341021",
                EnterpriseId = enterpriseId, ApplicantName = TemplateName, Status = NominationStatus.InProgress, Stage = StageNames.CityReview,
                CreatedAt = submitted.AddDays(-1), SubmittedAt = submitted, UpdatedAt = submitted, CreatedBy = "shexian",
                WorkflowDefinitionId = "green-factory-nomination", WorkflowInstanceId = "scale-wf-000000", WorkflowVersion = 1,
            });
            db.NominationEvents.Add(new NominationEvent { NominationId = "scale-000000", At = submitted, ActorName = "歙县工信局", Action = "提交（区县推荐）", Stage = StageNames.DistrictReview });
            db.NominationEvents.Add(new NominationEvent { NominationId = "scale-000000", At = submitted.AddDays(1), ActorName = "系统", Action = "阶段变更", Stage = StageNames.CityReview });
            db.ReviewTasks.Add(new ReviewTask
            {
                Id = "scale-task-000000", NominationId = "scale-000000", WorkflowInstanceId = "scale-wf-000000", WorkflowDefinitionId = "green-factory-nomination",
                WorkflowVersion = 1, ActivityId = "cityReview", Title = $"市级评审：{TemplateName}", Stage = StageNames.CityReview, AssigneeRole = Roles.CityReviewer,
                DistrictCode = "341021", Outcomes = ["通过", "退回修改", "不通过"], NominationType = NominationType.GreenFactory, Year = Year,
                ApplicantName = TemplateName, CreatedAt = submitted.AddDays(1), DueAt = Now.AddDays(5), Status = ReviewTaskStatus.Open,
            });
        });

        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        var codes = HuangshanUnits.Districts.Select(u => u.Code).ToArray();
        var district = "CASE i % 8 " + string.Join(" ", codes.Select((c, k) => $"WHEN {k} THEN '{c}'")) + " END";
        var name = "printf('规模测试企业%06d有限公司', i)";
        await CopyAsync(connection, "Nominations", "Id = 'scale-000000'", new()
        {
            ["Id"] = "printf('scale-%06d', i)", ["ApplicantName"] = name, ["DistrictCode"] = district,
            ["WorkflowInstanceId"] = "printf('scale-wf-%06d', i)", ["EnterpriseId"] = "NULL",
        });
        await CopyAsync(connection, "NominationEvents", "NominationId = 'scale-000000'", new()
        {
            ["Id"] = null, ["NominationId"] = "printf('scale-%06d', i)",
        });
        // The dashboard's stays projection is written by the save of the history; set-based copies carry it along.
        await CopyAsync(connection, "NominationStageStays", "NominationId = 'scale-000000'", new()
        {
            ["NominationId"] = "printf('scale-%06d', i)", ["DistrictCode"] = district,
        });
        await CopyAsync(connection, "ReviewTasks", "Id = 'scale-task-000000'", new()
        {
            ["Id"] = "printf('scale-task-%06d', i)", ["NominationId"] = "printf('scale-%06d', i)", ["DistrictCode"] = district,
            ["ApplicantName"] = name, ["Title"] = "'市级评审：' || " + name, ["WorkflowInstanceId"] = "printf('scale-wf-%06d', i)",
        });
        await CopyAsync(connection, "PoolMemberships", $"EnterpriseId = '{enterpriseId}'", new()
        {
            ["Id"] = "printf('scale-member-%06d', i)", ["MemberName"] = name, ["DistrictCode"] = district, ["EnterpriseId"] = "NULL",
        });
        // Copied without the context's saves: the dashboard's counts are counted afresh from the rows.
        await Execute(connection, DashboardCountStore.RebuildSql);
        await Execute(connection, "ANALYZE");
    }

    /// <summary>
    /// Copies the rows of <paramref name="table"/> matching <paramref name="template"/> once for each i in 1…<see cref="Nominations"/>-1,
    /// every column from the template except those in <paramref name="overrides"/> (an SQL expression of i; null leaves the
    /// column out, e.g. an autoincrement key).
    /// </summary>
    private static async Task CopyAsync(DbConnection connection, string table, string template, Dictionary<string, string?> overrides)
    {
        var columns = new List<string>();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
        }
        var kept = columns.Where(c => !overrides.TryGetValue(c, out var o) || o is not null).ToList();
        var values = kept.Select(c => overrides.TryGetValue(c, out var o) ? o! : $"t.\"{c}\"");
        await Execute(connection, $"""
            WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < {Nominations - 1})
            INSERT INTO "{table}" ({string.Join(", ", kept.Select(c => $"\"{c}\""))})
            SELECT {string.Join(", ", values)} FROM seq CROSS JOIN (SELECT * FROM "{table}" WHERE {template}) AS t
            """);
    }

    private static async Task Execute(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class NationalScaleCollection : ICollectionFixture<NationalScaleFixture>
{
    public const string Name = "National scale";
}
