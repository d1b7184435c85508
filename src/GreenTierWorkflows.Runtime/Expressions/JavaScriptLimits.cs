namespace GreenTierWorkflows.Runtime.Expressions;

/// <summary>Limits of one JavaScript evaluation (Jint constraints). Zero means "no limit".</summary>
public sealed class JavaScriptLimits
{
    /// <summary>Bytes one evaluation may allocate (Jint's <c>LimitMemory</c>; <c>'x'.repeat(2**28)</c> stops here).</summary>
    public long MemoryLimitBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Statements one evaluation may execute.</summary>
    public int MaxStatements { get; set; } = 1_000_000;

    /// <summary>Wall time one evaluation may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Depth of nested function calls.</summary>
    public int MaxRecursion { get; set; } = 256;

    /// <summary>Length of one array (<c>new Array(2**25)</c> stops here).</summary>
    public int MaxArraySize { get; set; } = 1_000_000;
}
