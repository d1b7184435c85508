namespace GreenTierWorkflows.Runtime.Definitions;

public enum DiagnosticSeverity { Warning, Error }

/// <summary>A problem found in a workflow definition, located by JSON path (e.g. <c>$.root.activities[2].condition</c>).</summary>
public sealed record Diagnostic(DiagnosticSeverity Severity, string JsonPath, string Message)
{
    public string? File { get; init; }
    public override string ToString() =>
        $"{(File is null ? "" : File + ": ")}{(Severity == DiagnosticSeverity.Error ? "错误" : "警告")} {JsonPath}: {Message}";
}
