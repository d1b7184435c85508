namespace GreenTierWorkflows.Application.Readiness;

/// <summary>The criteria a rules file may name for a tier (the ladder prerequisite is always checked when configured).</summary>
public static class ReadinessCriteria
{
    public const string Ladder = "ladder";
    public const string Manufacturing = "manufacturing";
    public const string NegativeList = "negativeList";
    public const string Certificates = "certificates";
    public const string Score = "score";
    public const string Energy = "energy";
    public const string AnnualReport = "annualReport";
    public const string Review = "review";
    public const string History = "history";

    public static readonly IReadOnlyList<string> All = [Manufacturing, NegativeList, Certificates, Score, Energy, AnnualReport, Review, History];

    /// <summary>The key of one certificate's criterion.</summary>
    public static string Certificate(string standard) => $"certificate:{standard}";
}
