using GreenTierWorkflows.Runtime.Management;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Application.Listings;

namespace GreenTierWorkflows.Application.Effects;

/// <summary>
/// The nominations' link in the runtime's post-commit pipeline: after a step that emitted effects commits, the effect
/// applier drains the effect outbox, so a caller reading the tables afterwards sees the task inbox, history and notices
/// updated. If applying fails, the effects stay in the outbox (the step is recorded), a retry is requested from
/// <see cref="EffectRetryService"/>, and the failure goes back to the runtime, which reports the projection as pending.
/// </summary>
public sealed class EffectProjectionObserver(NominationEffectApplier applier) : IWorkflowStepObserver
{
    public async Task OnStepCommittedAsync(WorkflowRunResult run, CancellationToken ct)
    {
        if (run.Step.Effects.Count == 0 && !applier.RetryRequested) return;
        try
        {
            await applier.DrainAsync(ct);
        }
        catch
        {
            applier.RequestRetry();
            throw;
        }
    }
}
