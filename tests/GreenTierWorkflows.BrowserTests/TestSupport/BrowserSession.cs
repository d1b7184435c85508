using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace GreenTierWorkflows.BrowserTests.TestSupport;

/// <summary>
/// A fresh browser context (own cookies) against one app: every request to a host other than 127.0.0.1 is aborted and
/// recorded, console errors and uncaught page errors are recorded, and <see cref="StepAsync"/> saves a numbered
/// screenshot to artifacts/browser/.
/// </summary>
public sealed partial class BrowserSession : IAsyncDisposable
{
    public const float Timeout = 60_000;

    private readonly string _name;
    private int _step;

    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public AppFixture App { get; }
    public ConcurrentQueue<string> ExternalRequests { get; } = new();
    public ConcurrentQueue<string> ConsoleErrors { get; } = new();

    private BrowserSession(string name, AppFixture app, IBrowserContext context, IPage page)
    {
        _name = name;
        App = app;
        Context = context;
        Page = page;
    }

    /// <summary>A session whose browser runs in <paramref name="timezoneId"/> (China time unless a test says otherwise).</summary>
    public static async Task<BrowserSession> StartAsync(BrowserFixture browser, AppFixture app, string name, string timezoneId = "Asia/Shanghai")
    {
        var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl,
            ViewportSize = new() { Width = 1400, Height = 900 },
            Locale = "zh-CN",
            TimezoneId = timezoneId,
        });
        context.SetDefaultTimeout(Timeout);
        context.SetDefaultNavigationTimeout(Timeout);
        var page = await context.NewPageAsync();
        var session = new BrowserSession(name, app, context, page);

        await context.RouteAsync("**/*", async route =>
        {
            var url = route.Request.Url;
            // chrome:// and chrome-extension:// are the browser's own (its PDF viewer in the preview dialog), not the network.
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme is "data" or "blob" or "chrome" or "chrome-extension" || uri.Host == "127.0.0.1"))
                await route.ContinueAsync();
            else
            {
                session.ExternalRequests.Enqueue($"{route.Request.Method} {url}");
                await route.AbortAsync();
            }
        });
        page.Console += (_, message) =>
        {
            if (message.Type != "error") return;
            var text = $"{message.Text} (at {message.Location})";
            if (IsFavicon404(message)) return;
            session.ConsoleErrors.Enqueue(text);
        };
        page.PageError += (_, error) =>
        {
            if (!IsStaleEventDispatch(error)) session.ConsoleErrors.Enqueue("page error: " + error);
        };
        return session;
    }

    /// <summary>
    /// Blazor Server's answer to a browser event that reached the server after a re-render removed its handler (a key press
    /// or blur racing a render on a loaded machine): the server refuses the stale handler id and the browser logs this. A
    /// fault in a handler itself ends the circuit instead (#blazor-error-ui, "Circuit has closed"), which is still reported.
    /// </summary>
    private static bool IsStaleEventDispatch(string error) =>
        error.Contains("There was an exception invoking 'DispatchEventAsync'", StringComparison.Ordinal);

    /// <summary>The one console error that may be ignored: a 404 for /favicon.ico.</summary>
    private static bool IsFavicon404(IConsoleMessage message) =>
        message.Text.Contains("404", StringComparison.Ordinal) && message.Location.Contains("favicon", StringComparison.OrdinalIgnoreCase);

    /// <summary>Saves artifacts/browser/{test}-{nn}-{step}.png (full page).</summary>
    /// <summary>Screenshots of the current page at 1366×768 and at a 390 px phone, then back to the session's size.</summary>
    public async Task AtWidthsAsync(string name)
    {
        var size = Page.ViewportSize;
        foreach (var (width, height, label) in new[] { (1366, 768, "1366"), (390, 844, "390") })
        {
            await Page.SetViewportSizeAsync(width, height);
            // The layout answers a width over the circuit (the drawer docks at 1366, folds away at 390): the screenshot waits
            // for that render, or it can catch the drawer half-way, over the page.
            await DomSettledAsync();
            await StepAsync($"{name}-{label}");
        }
        if (size is not null) await Page.SetViewportSizeAsync(size.Width, size.Height);
        // Each width re-renders the page over the circuit (MudBlazor's breakpoint listener): a click that lands during that
        // render is lost, so the next step starts once the page has stopped changing.
        await DomSettledAsync();
    }

    /// <summary>
    /// Waits until the page's DOM has not changed for <paramref name="quietMs"/> ms (a re-render over the circuit has landed),
    /// at most <paramref name="maxMs"/> ms; a page that keeps changing (a clock, a spinner) just ends the wait.
    /// </summary>
    public Task DomSettledAsync(int quietMs = 400, int maxMs = 10_000) => Page.EvaluateAsync("""
        ([quietMs, maxMs]) => new Promise(resolve => {
          let timer = setTimeout(done, quietMs);
          const cap = setTimeout(done, maxMs);
          const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, quietMs); });
          observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
          function done() { observer.disconnect(); clearTimeout(timer); clearTimeout(cap); resolve(); }
        })
        """, new[] { quietMs, maxMs });

    public async Task StepAsync(string step)
    {
        var n = Interlocked.Increment(ref _step);
        var file = Path.Combine(Repo.ArtifactsDirectory, $"{Safe(_name)}-{n:00}-{Safe(step)}.png");
        await Page.ScreenshotAsync(new() { Path = file, FullPage = true, Timeout = Timeout });
    }

    /// <summary>Signs in on the login page the browser is on (or opens it) and waits to leave it.</summary>
    public async Task SignInAsync(string userName, string password = AppFixture.DemoPassword)
    {
        if (!Page.Url.Contains("/account/login", StringComparison.Ordinal))
            await Page.GotoAsync("/account/login");
        await Page.Locator("#username").FillAsync(userName);
        await Page.Locator("#password").FillAsync(password);
        await StepAsync($"login-{userName}");
        await Page.Locator("button[type=submit]").ClickAsync();
        await Page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>How many CSS pixels the page is wider than the viewport (0 or less: no horizontal scrolling).</summary>
    public Task<int> HorizontalOverflowAsync() =>
        Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");

    /// <summary>Imports (and, when it says so, publishes) a workflow definition through Elsa's REST API as the signed-in user.</summary>
    public async Task ImportDefinitionAsync(System.Text.Json.Nodes.JsonObject definition)
    {
        var import = await Context.APIRequest.PostAsync("/elsa/api/workflow-definitions/import", new()
        {
            DataString = definition.ToJsonString(), Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        });
        Assert.True(import.Ok, $"import {definition["definitionId"]} answered {import.Status}: {await import.TextAsync()}");
    }

    /// <summary>Opens a definition in Studio's editor and waits until it has drawn <paramref name="nodes"/> nodes; answers the editor.</summary>
    public async Task<ILocator> OpenInEditorAsync(string definitionId, int nodes)
    {
        await Page.GotoAsync("/studio/definitions/" + definitionId);
        var editor = Page.Locator("elsa-workflow-definition-editor");
        try
        {
            await Assertions.Expect(editor.Locator(".x6-node")).ToHaveCountAsync(nodes, new() { Timeout = Timeout });
        }
        catch (PlaywrightException e)
        {
            throw new Xunit.Sdk.XunitException($"Studio did not draw {nodes} node(s) of {definitionId}: {e.Message}\n{Report()}");
        }
        return editor;
    }

    /// <summary>Both recorded lists, for an assertion message.</summary>
    public string Report() =>
        $"external requests ({ExternalRequests.Count}):\n  {string.Join("\n  ", ExternalRequests)}\n" +
        $"console errors ({ConsoleErrors.Count}):\n  {string.Join("\n  ", ConsoleErrors)}";

    public void AssertNoExternalRequestsOrConsoleErrors()
    {
        Assert.True(ExternalRequests.IsEmpty && ConsoleErrors.IsEmpty, Report());
    }

    /// <summary>Takes a last screenshot (the state a failing test ended in), then closes the context.</summary>
    public async ValueTask DisposeAsync()
    {
        try { await StepAsync("end"); } catch (PlaywrightException) { } catch (TimeoutException) { }
        try { await Context.CloseAsync(); } catch (PlaywrightException) { }
    }

    private static string Safe(string s) => UnsafeChars().Replace(s, "_");

    [GeneratedRegex(@"[^A-Za-z0-9._-]+")]
    private static partial Regex UnsafeChars();
}
