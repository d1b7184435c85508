namespace GreenTierWorkflows.Runtime.Execution;

/// <summary>
/// Names the incident (its <see cref="WorkflowIncident.ExceptionType"/>) recorded when a burst goes over
/// <see cref="WorkflowLimits"/>; the runtime records the incident instead of throwing it.
/// </summary>
public sealed class WorkflowLimitExceededException(string message) : Exception(message);
