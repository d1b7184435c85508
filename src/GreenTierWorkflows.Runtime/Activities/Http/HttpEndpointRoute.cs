namespace GreenTierWorkflows.Runtime.Activities.Http;

/// <summary>
/// Paths of <c>Elsa.HttpEndpoint</c> as Elsa compares them: relative to the host's base path, lower case, one leading
/// slash, no trailing slash; a template segment <c>{name}</c> (or <c>{name:constraint}</c>, the constraint ignored) matches
/// any one segment and hands its value over as route data. Strings only: the runtime knows nothing of HTTP.
/// </summary>
public static class HttpEndpointRoute
{
    /// <summary>The path as Elsa stores it in trigger and bookmark payloads.</summary>
    public static string Normalize(string? path)
    {
        var trimmed = (path ?? "").Trim().Trim('/');
        return "/" + trimmed.ToLowerInvariant();
    }

    public static bool IsTemplate(string path) => path.Contains('{');

    /// <summary>Matches a normalized request path against a normalized template; route values keep the request's text.</summary>
    public static bool TryMatch(string template, string path, string originalPath, out Dictionary<string, string> routeValues)
    {
        routeValues = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var expected = template.Trim('/').Split('/');
        var actual = path.Trim('/').Split('/');
        var original = originalPath.Trim().Trim('/').Split('/');
        if (expected.Length != actual.Length) return false;
        for (var i = 0; i < expected.Length; i++)
        {
            var segment = expected[i];
            if (segment.Length > 2 && segment[0] == '{' && segment[^1] == '}')
            {
                if (actual[i].Length == 0) return false;
                var name = segment[1..^1].Split(':')[0].TrimEnd('?');
                routeValues[name] = Uri.UnescapeDataString(i < original.Length ? original[i] : actual[i]);
                continue;
            }
            if (!string.Equals(segment, actual[i], StringComparison.Ordinal)) return false;
        }
        return true;
    }
}
