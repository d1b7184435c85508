using GreenTierWorkflows.Application.Dashboard;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.Dashboard;

/// <summary>
/// A dashboard test class: it walks its nominations once per app (<see cref="WalkAsync"/>, the tests only read) and reads
/// the year's report as an official would (<see cref="ReportAsync"/>).
/// </summary>
public abstract class DashboardWalk(NominationFixture app) : NominationSteps(app)
{
    protected const int Year = 2026;
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly HashSet<(Type, NominationFixture)> Walked = [];

    protected static readonly Official City = new("t-city", "city", "市经信局", [Roles.CityReviewer], null);
    protected static readonly Official Verifier = new("t-verifier", "verifier", "现场核查组", [Roles.Verifier], null);
    protected static readonly Official Shexian = new("t-shexian", "shexian", "歙县工信局", [Roles.District], "341021");
    protected static readonly Official Tunxi = new("t-tunxi", "tunxi", "屯溪区工信局", [Roles.District], "341002");

    /// <summary>Drives this class's nominations through the workflow (once per app).</summary>
    protected abstract Task WalkAsync();

    protected async Task<DashboardReport> ReportAsync(Official official)
    {
        await WalkOnceAsync();
        using var scope = App.Factory.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<DashboardService>().BuildAsync(official, Year)).Value!;
    }

    protected async Task WalkOnceAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (Walked.Contains((GetType().BaseType!, App))) return;
            await WalkAsync();
            Walked.Add((GetType().BaseType!, App));
        }
        finally
        {
            Gate.Release();
        }
    }
}
