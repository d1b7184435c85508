using System.Diagnostics;
using GreenTierWorkflows.Application.Documents;
using GreenTierWorkflows.Domain.Activities;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Domain.Stages;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Infrastructure.Documents;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Persistence;
using GreenTierWorkflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GreenTierWorkflows.Bench;

/// <summary>
/// The city's 推荐汇总表 for a year with <see cref="Nominations"/> recommended nominations (each with its city review,
/// on-site verification and recommendation decisions), generated through <see cref="DocumentService"/> as the page does:
/// the queries, the model, the Scriban rendering and Chromium's print (PDF), or MiniExcel (xlsx), and the archive row.
/// The quota is set to the same number so every nomination is a row (the worst case; the real 2025 quota is 9).
/// Each round first clears the archive, so every round really generates. Target: under 2 s per document.
/// </summary>
internal static class DocumentBench
{
    public const int Nominations = 500;
    public const int Year = 2025;
    public static readonly TimeSpan Target = TimeSpan.FromSeconds(2);

    public static async Task<DocumentBenchResult> RunAsync(string repoRoot, int rounds, string? keepDirectory = null)
    {
        var directory = Directory.CreateTempSubdirectory("gtw-docbench-");
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Nominations:MaterialsDirectory"] = Path.Combine(directory.FullName, "materials"),
                [$"Nominations:ProvincialQuota:{Year}"] = Nominations.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Documents:TemplatesDirectory"] = Path.Combine(repoRoot, "templates", "documents"),
            }).Build();
            var database = AppDatabase.Sqlite(Path.Combine(directory.FullName, "greentier.db"));
            var services = new ServiceCollection();
            services.AddLogging(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
            services.AddWorkflowRuntime(runtime => runtime.AddGreenTierActivities());
            services.AddWorkflowStore(database);
            services.AddSingleton(new GreenTierWorkflows.Domain.Calendar.WorkingDayCalendar()); // Monday–Friday: no 公示 is counted here
            services.AddSingleton<ChromiumPdfPrinter>();
            services.AddSingleton<KeepingPrinter>();
            services.AddSingleton<IPdfPrinter>(sp => sp.GetRequiredService<KeepingPrinter>());
            GreenTierWorkflows.Application.ApplicationServiceCollectionExtensions.AddGreenTierApplication(services, configuration, database);
            await using var provider = services.BuildServiceProvider();
            using (var scope = provider.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
                await db.Database.MigrateAsync();
                await SeedAsync(db);
            }

            var city = new Official("bench-city", "city", "市经信局评审员", [Roles.CityReviewer], HuangshanUnits.CityCode);
            var result = new DocumentBenchResult { LoadBefore = ProcessTreeCpu.LoadAverage() };
            var printer = provider.GetRequiredService<ChromiumPdfPrinter>();
            var keeping = provider.GetRequiredService<KeepingPrinter>();
            foreach (var format in new[] { "pdf", "xlsx" })
            {
                var times = new List<DocumentRound>();
                for (var round = 0; round <= rounds; round++) // round 0 warms up (JIT, Chromium's first start)
                {
                    using var scope = provider.CreateScope();
                    var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
                    await db.GeneratedDocuments.ExecuteDeleteAsync();
                    var documents = scope.ServiceProvider.GetRequiredService<DocumentService>();
                    var cpu = ProcessTreeCpu.Sample();
                    var watch = Stopwatch.StartNew();
                    var generated = await documents.CityRecommendationAsync(city, Year, format);
                    watch.Stop();
                    cpu = ProcessTreeCpu.Sample() - cpu;
                    if (!generated.Ok) throw new InvalidOperationException(generated.Error!.Message);
                    if (round > 0) times.Add(new DocumentRound(watch.Elapsed, cpu, format == "pdf" ? printer.LastPhases : null));
                    if (format == "pdf") result.PdfBytes = generated.Value!.Size; else result.XlsxBytes = generated.Value!.Size;
                    if (keepDirectory is not null && round == rounds)
                    {
                        Directory.CreateDirectory(keepDirectory);
                        var file = await documents.ReadAsync(city, generated.Value!.Id);
                        await File.WriteAllBytesAsync(Path.Combine(keepDirectory, $"city-recommendation.{format}"), file.Value!.Content);
                        if (format == "pdf") await File.WriteAllTextAsync(Path.Combine(keepDirectory, "city-recommendation.html"), keeping.LastHtml);
                    }
                }
                times.Sort((a, b) => a.Wall.CompareTo(b.Wall));
                result.Times[format] = times;
            }
            result.LoadAfter = ProcessTreeCpu.LoadAverage();
            return result;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Prints each HTML file <paramref name="rounds"/> times with one warm Chromium; prints wall, CPU and phases (medians).</summary>
    public static async Task PrintFilesAsync(IReadOnlyList<string> files, int rounds)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<DocumentRenderingOptions>();
        services.AddSingleton<ChromiumPdfPrinter>();
        await using var provider = services.BuildServiceProvider();
        var printer = provider.GetRequiredService<ChromiumPdfPrinter>();
        await printer.PrintAsync("<!DOCTYPE html><p>warm-up</p>");
        Console.WriteLine("| file | wall | CPU | load | fonts | layout + print | transfer | PDF | load avg |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var file in files)
        {
            var html = await File.ReadAllTextAsync(file);
            var runs = new List<(double Wall, double Cpu, PdfPrintPhases Phases)>();
            for (var i = 0; i < rounds; i++)
            {
                var cpu = ProcessTreeCpu.Sample();
                var watch = Stopwatch.StartNew();
                var pdf = await printer.PrintAsync(html);
                runs.Add((watch.Elapsed.TotalMilliseconds, (ProcessTreeCpu.Sample() - cpu).TotalMilliseconds, printer.LastPhases!));
                await File.WriteAllBytesAsync(Path.ChangeExtension(file, ".pdf"), pdf);
            }
            double Median(Func<(double Wall, double Cpu, PdfPrintPhases Phases), double> of) => runs.Select(of).Order().ElementAt(runs.Count / 2);
            Console.WriteLine($"| {Path.GetFileName(file)} | {Median(r => r.Wall):#,0} ms | {Median(r => r.Cpu):#,0} ms | {Median(r => r.Phases.Load):#,0} ms | {Median(r => r.Phases.Fonts):#,0} ms | " +
                $"{Median(r => r.Phases.Print):#,0} ms | {Median(r => r.Phases.Transfer):#,0} ms | {runs[0].Phases.PdfBytes / 1024:#,0} KB | {ProcessTreeCpu.LoadAverage():0.0} |");
        }
    }

    private static async Task SeedAsync(GreenTierDbContext db)
    {
        var districts = HuangshanUnits.Districts.Select(d => d.Code).ToArray();
        var at = new DateTimeOffset(2025, 6, 20, 1, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Nominations; i++)
        {
            var district = districts[i % districts.Length];
            var enterpriseId = $"e{i:D4}";
            var id = $"n{i:D4}";
            var name = $"黄山示范绿色制造有限公司第{i + 1}厂";
            db.Enterprises.Add(new Enterprise { Id = enterpriseId, CreditCode = $"9134100{i:D4}MA00000", Name = name, DistrictCode = district, IndustryCode = $"C{13 + i % 31}10", CreatedAt = at });
            db.Nominations.Add(new Nomination
            {
                Id = id, Type = NominationType.GreenFactory, TargetTier = Tier.Province, Year = Year, DistrictCode = district, EnterpriseId = enterpriseId,
                ApplicantName = name, EvaluationMode = i % 3 == 0 ? EvaluationMode.SelfEvaluation : EvaluationMode.ThirdParty,
                EvaluatorName = i % 3 == 0 ? null : "安徽绿色制造评价中心", Score = 70 + i % 30, Status = NominationStatus.InProgress,
                Stage = StageNames.ProvincialReview, SubmittedAt = at, RecommendationRank = i + 1, CreatedAt = at, CreatedBy = "bench", UpdatedAt = at,
            });
            foreach (var (stage, form, comment) in new[] { (StageNames.CityReview, FormKeys.Review, "材料齐全，同意推荐"), (StageNames.OnSiteVerification, FormKeys.Verification, "现场情况与申报一致"), (StageNames.CityRecommendation, FormKeys.Recommendation, "") })
                db.ReviewTasks.Add(new ReviewTask
                {
                    Id = $"{id}-{form}", NominationId = id, WorkflowInstanceId = id, WorkflowDefinitionId = "green-factory-nomination", WorkflowVersion = 1, ActivityId = form,
                    Title = stage, Stage = stage, AssigneeRole = Roles.CityReviewer, DistrictCode = district, FormKey = form, NominationType = NominationType.GreenFactory,
                    Year = Year, ApplicantName = name, CreatedAt = at, Status = ReviewTaskStatus.Completed, CompletedAt = at.AddDays(1), CompletedByName = "市级评审",
                    Outcome = ReviewOutcomes.Approve, Comment = comment,
                });
        }
        await db.SaveChangesAsync();
    }
}

/// <summary>One generation: wall time, CPU time of the process tree (this process and Chromium), and the print's phases.</summary>
internal sealed record DocumentRound(TimeSpan Wall, TimeSpan Cpu, PdfPrintPhases? Phases);

/// <summary>Passes prints to Chromium and keeps the last page's HTML (for <c>--keep</c>).</summary>
internal sealed class KeepingPrinter(ChromiumPdfPrinter inner) : IPdfPrinter
{
    public string LastHtml { get; private set; } = "";

    public Task<byte[]> PrintAsync(string html, CancellationToken ct = default)
    {
        LastHtml = html;
        return inner.PrintAsync(html, ct);
    }
}

internal sealed class DocumentBenchResult
{
    public Dictionary<string, List<DocumentRound>> Times { get; } = new(StringComparer.Ordinal);
    public double LoadBefore { get; set; }
    public double LoadAfter { get; set; }
    public long PdfBytes { get; set; }
    public long XlsxBytes { get; set; }
}
