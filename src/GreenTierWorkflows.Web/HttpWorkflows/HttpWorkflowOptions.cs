namespace GreenTierWorkflows.Web.HttpWorkflows;

/// <summary>
/// Workflows triggered by HTTP requests (<c>Elsa.HttpEndpoint</c>), section <c>Elsa:Http</c>: the base path they answer
/// under (Elsa's default <c>/workflows</c>) and the largest request body handed to a workflow.
/// </summary>
public sealed class HttpWorkflowOptions
{
    public const string Section = "Elsa:Http";

    /// <summary>Requests under this path are matched against the workflows' HTTP endpoints (e.g. <c>/workflows/province/result</c>).</summary>
    public string BasePath { get; set; } = "/workflows";

    /// <summary>The largest request body (bytes) read for a workflow; a larger one is refused with 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>What is wrong with the settings, in Chinese, each naming its key; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var path = BasePath?.Trim() ?? "";
        if (!path.StartsWith('/') || path.Length < 2 || path.Contains('{') || path.Contains('?'))
            problems.Add($"{Section}:BasePath 必须是以 / 开头的固定路径（如 /workflows），当前为 '{BasePath}'。");
        else if (Reserved.Any(r => path.Equals(r, StringComparison.OrdinalIgnoreCase) || path.StartsWith(r + "/", StringComparison.OrdinalIgnoreCase)))
            problems.Add($"{Section}:BasePath 不能使用系统已占用的路径 {string.Join("、", Reserved)}，当前为 '{BasePath}'。");
        if (MaxRequestBodyBytes is < 1 or > 100L * 1024 * 1024)
            problems.Add($"{Section}:MaxRequestBodyBytes 必须在 1 到 104857600（100 MB）之间，当前为 {MaxRequestBodyBytes}。");
        return problems;
    }

    private static readonly string[] Reserved = ["/api", "/elsa", "/studio", "/account", "/health", "/openapi", "/_framework", "/_blazor"];
}
