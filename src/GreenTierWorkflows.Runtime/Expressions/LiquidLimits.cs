namespace GreenTierWorkflows.Runtime.Expressions;

/// <summary>Limits of one Liquid rendering (Fluid). Zero means "no limit".</summary>
public sealed class LiquidLimits
{
    /// <summary>Steps (statements and loop iterations) one rendering may execute (Fluid's <c>MaxSteps</c>).</summary>
    public int MaxSteps { get; set; } = 200_000;

    /// <summary>Depth of nested includes and blocks (Fluid's <c>MaxRecursion</c>).</summary>
    public int MaxRecursion { get; set; } = 64;

    /// <summary>Characters one rendering may produce.</summary>
    public int MaxOutputChars { get; set; } = 1024 * 1024;
}
