using GreenTierWorkflows.Runtime.Persistence;

namespace GreenTierWorkflows.Tests.Persistence;

/// <summary>The store contract against the reference in-memory store.</summary>
public sealed class MemoryWorkflowStoreContractTests() : WorkflowStoreContractTests(clock => new MemoryWorkflowStore(clock))
{
    protected override IWorkflowStore Reopen() => Store;
}
