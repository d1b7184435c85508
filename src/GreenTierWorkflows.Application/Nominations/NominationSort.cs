namespace GreenTierWorkflows.Application.Nominations;

/// <summary>The orders of the nomination list, by the name the URL and the API use.</summary>
public static class NominationSort
{
    public const string Created = "created";
    public const string Submitted = "submitted";
    public const string Applicant = "applicant";
    public const string District = "district";

    public static IReadOnlyList<string> All { get; } = [Created, Submitted, Applicant, District];
}
