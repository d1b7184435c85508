using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests.TestSupport;

/// <summary>The toolbar of Studio's workflow definition editor.</summary>
public static class StudioToolbar
{
    /// <summary>
    /// Publishes the definition open in <paramref name="editor"/>: the cloud-upload icon button in the toolbar's button group
    /// (tooltip "Publish workflow"). Returns Studio's publish request's answer, asserted successful.
    /// </summary>
    public static async Task<IResponse> PublishAsync(BrowserSession s, ILocator editor)
    {
        var publish = editor.Locator(".mud-button-group-root button").First;
        await publish.HoverAsync();
        await Expect(s.Page.GetByText("Publish workflow", new() { Exact = true })).ToBeVisibleAsync();
        var published = await s.Page.RunAndWaitForResponseAsync(
            () => publish.ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/elsa/api/workflow-definitions", StringComparison.Ordinal) &&
                 (r.Request.PostData ?? "").Contains("\"publish\":true", StringComparison.Ordinal),
            new() { Timeout = BrowserSession.Timeout });
        Assert.True(published.Ok, $"publish answered {published.Status}: {await published.TextAsync()}");
        await s.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return published;
    }
}
