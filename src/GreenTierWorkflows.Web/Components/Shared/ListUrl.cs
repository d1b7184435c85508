using Microsoft.AspNetCore.Components;

namespace GreenTierWorkflows.Web.Components.Shared;

/// <summary>
/// Keeps a list page's filters and page in its URL query, so a copied link (or a reload) shows the same view: a change
/// navigates to the page's own address with the new query (null removes a key), and the page reads it back through
/// <c>[SupplyParameterFromQuery]</c>.
/// </summary>
public static class ListUrl
{
    /// <summary>Goes to the current page with <paramref name="changes"/> applied to its query; the browser's history keeps each view.</summary>
    public static void Go(NavigationManager navigation, IReadOnlyDictionary<string, object?> changes, bool replace = false) =>
        navigation.NavigateTo(navigation.GetUriWithQueryParameters(changes), new NavigationOptions { ReplaceHistoryEntry = replace });

    /// <summary>A filter changed: its view from the first page (the <c>page</c> key removed), as a new browser history entry.</summary>
    public static void Filter(NavigationManager navigation, params (string Key, object? Value)[] changes)
    {
        var query = changes.ToDictionary(c => c.Key, c => c.Value);
        query["page"] = null;
        Go(navigation, query);
    }

    /// <summary>A typed filter text, trimmed; null when blank (the key then leaves the URL).</summary>
    public static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The query string (with its leading <c>?</c>) of <paramref name="values"/>, leaving out empty ones — for export links.</summary>
    public static string Query(IEnumerable<KeyValuePair<string, object?>> values)
    {
        var parts = values.Where(v => v.Value is not null && v.Value.ToString() is { Length: > 0 })
            .Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture)!)}");
        var query = string.Join("&", parts);
        return query.Length == 0 ? "" : "?" + query;
    }

    /// <summary>An enum named in the URL (any case), or null when absent or unknown.</summary>
    public static T? Enum<T>(string? text) where T : struct, System.Enum =>
        System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) ? value : null;
}
