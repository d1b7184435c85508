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

    /// <summary>
    /// Where one first render's time went, in milliseconds from the navigation's start as the page's own clock
    /// (<c>performance</c>) saw it: the document's last byte, blazor.web.js's last byte, DOMContentLoaded, Blazor's
    /// <c>_blazor/initializers</c> and <c>_blazor/negotiate</c> fetches (the circuit's connection starts after the second),
    /// and the moment the main content was in the page (polled every 4 ms in the page; null where the selector is
    /// Playwright's own, not CSS).
    /// </summary>
    public sealed record RenderPhases(double Document, double? BlazorScript, double ContentLoaded, double? Initializers, double? NegotiateStart, double? NegotiateEnd, double? Content);

    /// <summary>What <see cref="MeasureAsync"/> measured: milliseconds per page and round, and where each render's time went.</summary>
    public sealed record Measured(Dictionary<string, List<double>> Times, Dictionary<string, List<RenderPhases>> Phases);

    /// <summary>Records, inside the page, when the selector first matches a rendered element (set before each navigation).</summary>
    private const string ContentProbe = """
        (selector) => {
            const probe = setInterval(() => {
                let found = null;
                try { found = document.querySelector(selector); } catch { clearInterval(probe); return; }
                if (found && found.getClientRects().length > 0) { window.__gtwContent = performance.now(); clearInterval(probe); }
            }, 4);
        }
        """;

    private const string ReadPhases = """
        () => {
            const nav = performance.getEntriesByType('navigation')[0];
            const resources = performance.getEntriesByType('resource');
            const find = part => resources.find(r => r.name.includes(part));
            const blazor = find('blazor.web'), initializers = find('_blazor/initializers'), negotiate = find('_blazor/negotiate');
            return [nav.responseEnd, blazor ? blazor.responseEnd : -1, nav.domContentLoadedEventEnd, initializers ? initializers.responseEnd : -1,
                negotiate ? negotiate.startTime : -1, negotiate ? negotiate.responseEnd : -1, window.__gtwContent ?? -1];
        }
        """;

    /// <summary>Milliseconds per page and round; null when Chromium is missing (the harness then says so and goes on).</summary>
    public static async Task<Measured?> MeasureAsync(string url, string user, string password, IReadOnlyList<TimedPage> pages, int rounds)
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
        var phases = pages.ToDictionary(p => p.Name, _ => new List<RenderPhases>());
        for (var round = -1; round < rounds; round++) // round -1 warms the app's and the browser's caches up
        {
            foreach (var timed in pages)
            {
                var page = await context.NewPageAsync();
                try
                {
                    await page.AddInitScriptAsync($"({ContentProbe})({System.Text.Json.JsonSerializer.Serialize(timed.Content)})");
                    var watch = Stopwatch.StartNew();
                    await page.GotoAsync(timed.Path, new() { WaitUntil = WaitUntilState.Commit });
                    await page.Locator(timed.Content).First.WaitForAsync(new() { State = WaitForSelectorState.Visible });
                    watch.Stop();
                    if (page.Url.Contains("/account/login", StringComparison.Ordinal))
                        throw new InvalidOperationException($"{user} was sent to the sign-in page from {timed.Path}.");
                    if (round >= 0)
                    {
                        times[timed.Name].Add(watch.Elapsed.TotalMilliseconds);
                        var at = await page.EvaluateAsync<double[]>(ReadPhases);
                        double? Seen(double ms) => ms < 0 ? null : ms;
                        phases[timed.Name].Add(new RenderPhases(at[0], Seen(at[1]), at[2], Seen(at[3]), Seen(at[4]), Seen(at[5]), Seen(at[6])));
                    }
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
        return new Measured(times, phases);
    }
}
