namespace GreenTierWorkflows.Domain.Stages;

/// <summary>
/// The catalogue of decision forms a <c>GreenTier.ReviewTask</c> can ask for (its <c>FormKey</c> input): the pages show the
/// form, and the application attaches rules to some (a recommendation counts against the provincial quota). A test fails
/// when a workflow file uses a form key missing here.
/// </summary>
public static class FormKeys
{
    /// <summary>A review decision (the default).</summary>
    public const string Review = "review";
    /// <summary>An on-site verification record.</summary>
    public const string Verification = "verification";
    /// <summary>The city's recommendation to the province (counts against the year's quota).</summary>
    public const string Recommendation = "recommendation";
    /// <summary>A provincial or national result recorded by the liaison.</summary>
    public const string Result = "result";
    /// <summary>The district's revision after a return.</summary>
    public const string Revision = "revision";

    public static IReadOnlyList<string> All { get; } = [Review, Verification, Recommendation, Result, Revision];

    /// <summary>Is the key a catalogued form?</summary>
    public static bool IsKnown(string? key) => key is not null && All.Contains(key, StringComparer.Ordinal);
}
