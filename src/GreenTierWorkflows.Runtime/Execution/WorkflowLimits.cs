using GreenTierWorkflows.Runtime.Expressions;

namespace GreenTierWorkflows.Runtime.Execution;

/// <summary>
/// Resource limits of the runtime: how much one burst (a start or a resume, run until the instance suspends or ends)
/// may do, how much one journal entry stores, and the limits of the expression engines. A limit that is hit becomes an
/// incident on the instance, which is then faulted (Elsa's default incident strategy) and committed. Zero means
/// "no limit" for every value. Bound from <c>Runtime:Limits</c> in the web host.
/// </summary>
public sealed class WorkflowLimits
{
    /// <summary>The configuration section the web host binds.</summary>
    public const string Section = "Runtime:Limits";

    /// <summary>
    /// Activities one burst may execute (starts and resumes). The default leaves room for a legitimate 40,000-activity
    /// chain and stops a loop with no way out long before its journal fills the memory.
    /// </summary>
    public int MaxActivitiesPerBurst { get; set; } = 100_000;

    /// <summary>
    /// Wall time one burst may run (measured on the runtime's <see cref="TimeProvider"/>, checked between activities).
    /// Generous by default: it stops loops of slow activities, while a long legitimate chain on a busy host still finishes.
    /// </summary>
    public TimeSpan MaxBurstDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>UTF-8 bytes of activity inputs one journal entry stores; longer values are cut with a marker naming their length.</summary>
    public int MaxJournalEntryBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// UTF-8 bytes of activity inputs all journal entries of one burst store together; past it, inputs are stored cut
    /// to their marker. With <see cref="MaxActivitiesPerBurst"/> this bounds what a burst holds in memory.
    /// </summary>
    public int MaxJournalBytesPerBurst { get; set; } = 32 * 1024 * 1024;

    /// <summary>Limits of the JavaScript (Jint) engine.</summary>
    public JavaScriptLimits JavaScript { get; set; } = new();

    /// <summary>Limits of the Liquid (Fluid) engine.</summary>
    public LiquidLimits Liquid { get; set; } = new();

    /// <summary>What is wrong with these values (empty when they can be used), in Chinese.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void NotNegative(string name, double value)
        {
            if (value < 0) errors.Add($"{Section}:{name} 不能为负数。");
        }
        NotNegative(nameof(MaxActivitiesPerBurst), MaxActivitiesPerBurst);
        NotNegative(nameof(MaxBurstDuration), MaxBurstDuration.Ticks);
        NotNegative(nameof(MaxJournalEntryBytes), MaxJournalEntryBytes);
        NotNegative(nameof(MaxJournalBytesPerBurst), MaxJournalBytesPerBurst);
        NotNegative("JavaScript:" + nameof(JavaScriptLimits.MemoryLimitBytes), JavaScript.MemoryLimitBytes);
        NotNegative("JavaScript:" + nameof(JavaScriptLimits.MaxStatements), JavaScript.MaxStatements);
        NotNegative("JavaScript:" + nameof(JavaScriptLimits.Timeout), JavaScript.Timeout.Ticks);
        NotNegative("JavaScript:" + nameof(JavaScriptLimits.MaxRecursion), JavaScript.MaxRecursion);
        NotNegative("JavaScript:" + nameof(JavaScriptLimits.MaxArraySize), JavaScript.MaxArraySize);
        NotNegative("Liquid:" + nameof(LiquidLimits.MaxSteps), Liquid.MaxSteps);
        NotNegative("Liquid:" + nameof(LiquidLimits.MaxRecursion), Liquid.MaxRecursion);
        NotNegative("Liquid:" + nameof(LiquidLimits.MaxOutputChars), Liquid.MaxOutputChars);
        return errors;
    }
}
