namespace GreenTierWorkflows.Application.Readiness;

/// <summary>A readiness rules file that is missing, malformed or inconsistent; the message names the file and the field.</summary>
public sealed class ReadinessRuleException(string message) : Exception(message);
