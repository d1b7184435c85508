namespace GreenTierWorkflows.Runtime.Management;

/// <summary>
/// Something the application does after every committed step (a projection such as the task inbox, notices, …).
/// Registered in DI (<c>services.AddWorkflowStepObserver&lt;T&gt;()</c>) and called by <see cref="WorkflowRuntime"/> itself, in
/// registration order, each one awaited; an observer that throws does not stop the others, and the step stays committed:
/// the run result then reports its projection as pending (<see cref="WorkflowRunResult.ProjectionPending"/>), and the
/// observer is expected to catch up later from durable state (e.g. the effect outbox).
/// </summary>
public interface IWorkflowStepObserver
{
    /// <summary>Called once the step is committed. The token is not the caller's: a committed step is never undone.</summary>
    Task OnStepCommittedAsync(WorkflowRunResult run, CancellationToken ct);
}
