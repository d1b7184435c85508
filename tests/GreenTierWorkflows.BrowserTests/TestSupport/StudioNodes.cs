using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace GreenTierWorkflows.BrowserTests.TestSupport;

/// <summary>Finding an activity node on Studio's canvas (designer or instance viewer).</summary>
public static class StudioNodes
{
    /// <summary>The node among <paramref name="nodes"/> whose label is exactly <paramref name="label"/>.</summary>
    public static ILocator ByLabel(ILocator nodes, string label) =>
        nodes.Filter(new() { Has = nodes.Page.Locator(".activity-label", new() { HasTextRegex = new Regex($"^{Regex.Escape(label)}$") }) });
}
