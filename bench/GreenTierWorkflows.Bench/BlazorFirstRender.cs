using System.Diagnostics;
using Microsoft.Playwright;

namespace GreenTierWorkflows.Bench;

/// <summary>
/// Blazor time to first render for the load harness (issue 20): a headless system Chromium (<c>/usr/bin/chromium</c>,
/// driven by Microsoft.Playwright offline, as the browser tests do) signs in through the sign-in page as each official
/// and times, per page, from navigation to the page's main content being visible — its table's first row (or the page's
/// own marker) after the server-side data has come — over several rounds. A fresh page per round, so each is a full
/// navigation (prerender, circuit, data), in a signed-in browser context whose cookies are kept.
/// </summary>
internal static class BlazorFirstRender
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>A timed page: its name, its path, and the selector of what must be visible for it to count as rendered.</summary>
    public sealed record TimedPage(string Name, string Path, string Content);

    /// <summary>The selector of a MudTable's first data row (server-data tables show it once their page has loaded).</summary>
    public const string TableRow = ".mud-table-body .mud-table-row";

    /// <summary>The officials' pages the harness times, with <paramref name="nominationId"/>'s page (its heading names the applicant).</summary>
    public static IReadOnlyList<TimedPage> Pages(string nominationId, string applicant) =>
    [
        new("/tasks", "/tasks", $"[data-testid=task-table] .mud-table-row, [data-testid=no-tasks]"),
        new("/nominations", "/nominations", TableRow),
        new("/pools", "/pools", TableRow),
        new("/dashboard", "/dashboard", "[data-testid=target-card], " + TableRow),
        new("/readiness", "/readiness", TableRow),
        new("nomination page", $"/nominations/{nominationId}", $"h1:has-text(\"{applicant.Replace("\"", "", StringComparison.Ordinal)}\")"),
    ];

    /// <summary>Milliseconds per page and round; null when Chromium is missing (the harness then says so and goes on).</summary>
    public static async Task<Dictionary<string, List<double>>?> MeasureAsync(string url, string user, string password, IReadOnlyList<TimedPage> pages, int rounds)
    {
        if (!File.Exists(ChromiumPath)) return null;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath, Headless = true, Timeout = 120_000,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
        });
        await using var context = await browser.NewContextAsync(new() { BaseURL = url, ViewportSize = new() { Width = 1366, Height = 768 }, Locale = "zh-CN" });
        context.SetDefaultTimeout(120_000);
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync("/account/login");
        await signIn.Locator("#username").FillAsync(user);
        await signIn.Locator("#password").FillAsync(password);
        await signIn.Locator("button[type=submit]").ClickAsync();
        await signIn.WaitForURLAsync(u => !u.Contains("/account/login", StringComparison.Ordinal));
        await signIn.CloseAsync();

        var times = pages.ToDictionary(p => p.Name, _ => new List<double>());
        for (var round = -1; round < rounds; round++) // round -1 warms the app's and the browser's caches up
        {
            foreach (var timed in pages)
            {
                var page = await context.NewPageAsync();
                try
                {
                    var watch = Stopwatch.StartNew();
                    await page.GotoAsync(timed.Path, new() { WaitUntil = WaitUntilState.Commit });
                    await page.Locator(timed.Content).First.WaitForAsync(new() { State = WaitForSelectorState.Visible });
                    watch.Stop();
                    if (page.Url.Contains("/account/login", StringComparison.Ordinal))
                        throw new InvalidOperationException($"{user} was sent to the sign-in page from {timed.Path}.");
                    if (round >= 0) times[timed.Name].Add(watch.Elapsed.TotalMilliseconds);
                }
                catch (TimeoutException e)
                {
                    throw new TimeoutException($"{user}: {timed.Path} showed no '{timed.Content}' within the timeout.", e);
                }
                finally
                {
                    await page.CloseAsync();
                }
            }
        }
        return times;
    }
}
