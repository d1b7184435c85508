namespace GreenTierWorkflows.Application.Readiness;

/// <summary>Settings of section <c>Readiness</c>.</summary>
public sealed class ReadinessOptions
{
    public const string Section = "Readiness";

    /// <summary>The folder of the yearly rules files; a relative path is looked up from the working directory upwards, then from the app's base directory upwards.</summary>
    public string RulesDirectory { get; set; } = "rules/readiness";
}
