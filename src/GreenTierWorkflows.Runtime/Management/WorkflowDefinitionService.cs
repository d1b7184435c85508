using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;

namespace GreenTierWorkflows.Runtime.Management;

/// <summary>The outcome of a save or publish: the stored version, and validation errors when publishing was refused.</summary>
public sealed record DefinitionSaveResult(WorkflowDefinitionRecord? Definition, bool AlreadyPublished, IReadOnlyList<Diagnostic> ValidationErrors)
{
    public bool Succeeded => ValidationErrors.Count == 0 && Definition is not null;
}

/// <summary>
/// Elsa's version rules for definitions: saving overwrites a draft in place or opens a new draft after a published
/// version; publishing makes one version the one new instances start on (running instances keep theirs);
/// retract, revert, import and delete as Elsa's REST API does them. Publishing indexes start triggers.
/// </summary>
public sealed class WorkflowDefinitionService(IWorkflowStore store, WorkflowRuntime runtime)
{
    private readonly SemaphoreSlim _gate = new(1, 1); // one save at a time per node; across nodes the unique (DefinitionId, Version) index decides

    /// <summary>Loads a definition and reports every diagnostic (unknown types, bad cron, dangling connections…).</summary>
    public IReadOnlyList<Diagnostic> Validate(WorkflowDefinitionDocument document) => ValidateAsync(document).GetAwaiter().GetResult();

    /// <summary>As <see cref="Validate"/>; workflows used as activities are looked up in the store.</summary>
    public async Task<IReadOnlyList<Diagnostic>> ValidateAsync(WorkflowDefinitionDocument document, CancellationToken ct = default) =>
        runtime.Loader.Load(document, await runtime.ResolverForAsync(document, ct)).Diagnostics;

    /// <summary>
    /// Saves the model as the latest version; with <paramref name="publish"/> also publishes it. Publishing a workflow usable
    /// as an activity with <c>options.autoUpdateConsumingWorkflows</c> then moves the workflows that use it to the new version
    /// (see <see cref="UpdateConsumersAsync"/>).
    /// </summary>
    public Task<DefinitionSaveResult> SaveAsync(WorkflowDefinitionDocument model, bool publish, CancellationToken ct = default) =>
        SaveAsync(model, publish, new HashSet<string>(StringComparer.Ordinal), ct);

    private async Task<DefinitionSaveResult> SaveAsync(WorkflowDefinitionDocument model, bool publish, HashSet<string> updating, CancellationToken ct)
    {
        var result = await SaveVersionAsync(model, publish, ct);
        if (publish && result is { Succeeded: true, AlreadyPublished: false, Definition: { } saved })
        {
            var document = WorkflowDefinitionDocument.Parse(saved.Json);
            if (document.UsableAsActivity && document.AutoUpdateConsumingWorkflows && updating.Add(saved.DefinitionId))
                await UpdateConsumersAsync(saved, updating, ct);
        }
        return result;
    }

    /// <summary>
    /// Elsa's <c>WorkflowReferenceUpdater</c>: the latest version of every definition that uses <paramref name="published"/> as
    /// an activity gets its nodes pointed at the new version (<c>workflowDefinitionVersionId</c>, <c>version</c>,
    /// <c>latestAvailablePublishedVersion(Id)</c>) and is published again if it was published, else saved as a draft — so
    /// new instances take the change while running ones stay on the versions they started on. A consumer that is itself
    /// auto-updating passes the change on; each definition is updated once per publish.
    /// </summary>
    private async Task UpdateConsumersAsync(WorkflowDefinitionRecord published, HashSet<string> updating, CancellationToken ct)
    {
        var marker = $"\"{published.DefinitionId}\"";
        foreach (var consumer in await store.FindDefinitionsAsync(new WorkflowDefinitionFilter { VersionOptions = VersionOptions.Latest }, ct))
        {
            if (consumer.DefinitionId == published.DefinitionId || updating.Contains(consumer.DefinitionId) || consumer.IsReadonly
                || !consumer.Json.Contains(marker, StringComparison.Ordinal)) continue;
            var document = WorkflowDefinitionDocument.Parse(consumer.Json);
            var changed = false;
            foreach (var node in WorkflowReference.NodesUsing(document.Root, published.DefinitionId).ToList())
            {
                if (node.GetString("workflowDefinitionVersionId") == published.Id) continue;
                node["workflowDefinitionVersionId"] = published.Id;
                node["version"] = published.Version;
                node["latestAvailablePublishedVersion"] = published.Version;
                node["latestAvailablePublishedVersionId"] = published.Id;
                changed = true;
            }
            if (!changed) continue;
            updating.Add(consumer.DefinitionId);
            await SaveAsync(document, consumer.IsPublished, updating, ct);
        }
    }

    private async Task<DefinitionSaveResult> SaveVersionAsync(WorkflowDefinitionDocument model, bool publish, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var doc = model.Clone();
            doc.Json.Remove("links");
            doc.Json.Remove("$schema");
            if (string.IsNullOrWhiteSpace(doc.DefinitionId)) doc.DefinitionId = WorkflowRunner.NewId();
            doc.Name = doc.Name?.Trim();
            doc.Description = doc.Description?.Trim();

            if (publish)
            {
                var errors = await ErrorsAsync(doc, ct);
                if (errors.Count > 0) return new DefinitionSaveResult(null, false, errors);
            }

            var latest = await store.FindDefinitionAsync(doc.DefinitionId!, VersionOptions.Latest, ct);
            var changed = new List<WorkflowDefinitionRecord>();
            if (latest is null)
            {
                doc.Version = 1;
                doc.Id = string.IsNullOrWhiteSpace(doc.Id) ? WorkflowRunner.NewId() : doc.Id;
                if (await store.FindDefinitionByIdAsync(doc.Id!, ct) is not null) doc.Id = WorkflowRunner.NewId();
                doc.CreatedAt = runtime.Clock.GetUtcNow();
            }
            else if (!latest.IsPublished)
            {
                doc.Version = latest.Version;
                doc.Id = latest.Id;
                doc.CreatedAt = latest.CreatedAt;
                runtime.Evict(latest.Id);
            }
            else
            {
                doc.Version = latest.Version + 1;
                doc.Id = WorkflowRunner.NewId();
                doc.CreatedAt = runtime.Clock.GetUtcNow();
                changed.Add(latest with { IsLatest = false, Json = WithFlags(latest.Json, false, latest.IsPublished) });
            }

            doc.IsLatest = true;
            doc.IsPublished = false;
            if (publish)
            {
                doc.IsPublished = true;
                foreach (var other in await store.FindDefinitionsAsync(new WorkflowDefinitionFilter { DefinitionId = doc.DefinitionId, VersionOptions = VersionOptions.Published }, ct))
                    if (other.Id != doc.Id && changed.All(c => c.Id != other.Id))
                        changed.Add(other with { IsPublished = false, IsLatest = false, Json = WithFlags(other.Json, false, false) });
                for (var i = 0; i < changed.Count; i++)
                    changed[i] = changed[i] with { IsPublished = false, Json = WithFlags(changed[i].Json, false, false) };
            }

            var record = ToRecord(doc);
            changed.Add(record);
            await store.SaveDefinitionsAsync(changed, ct);
            runtime.InvalidateDefinition(record.DefinitionId);
            if (publish) await IndexTriggersAsync(record, ct);
            return new DefinitionSaveResult(record, false, []);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Publishes the latest version (Elsa's publish endpoint).</summary>
    public async Task<DefinitionSaveResult> PublishAsync(string definitionId, CancellationToken ct = default)
    {
        var latest = await store.FindDefinitionAsync(definitionId, VersionOptions.Latest, ct);
        if (latest is null) return new DefinitionSaveResult(null, false, [new Diagnostic(DiagnosticSeverity.Error, "$", $"工作流定义 '{definitionId}' 不存在。")]);
        if (latest.IsPublished) return new DefinitionSaveResult(latest, true, []);
        return await SaveAsync(WorkflowDefinitionDocument.Parse(latest.Json), publish: true, ct);
    }

    /// <summary>Unpublishes; returns null when nothing was published.</summary>
    public async Task<WorkflowDefinitionRecord?> RetractAsync(string definitionId, CancellationToken ct = default)
    {
        var published = await store.FindDefinitionAsync(definitionId, VersionOptions.Published, ct);
        if (published is null) return null;
        var record = published with { IsPublished = false, Json = WithFlags(published.Json, published.IsLatest, false) };
        await store.SaveDefinitionsAsync([record], ct);
        runtime.InvalidateDefinition(definitionId);
        await store.ReplaceTriggersAsync(definitionId, [], ct);
        await runtime.Scheduler.UnscheduleTriggersAsync(definitionId, ct);
        return record;
    }

    /// <summary>Copies version <paramref name="version"/> into a new latest draft.</summary>
    public async Task<WorkflowDefinitionRecord?> RevertAsync(string definitionId, int version, CancellationToken ct = default)
    {
        var source = await store.FindDefinitionAsync(definitionId, VersionOptions.SpecificVersion(version), ct);
        if (source is null) return null;
        var latest = await store.FindDefinitionAsync(definitionId, VersionOptions.Latest, ct);
        var doc = WorkflowDefinitionDocument.Parse(source.Json);
        doc.Id = WorkflowRunner.NewId();
        doc.Version = (latest?.Version ?? 0) + 1;
        doc.IsLatest = true;
        doc.IsPublished = false;
        doc.CreatedAt = runtime.Clock.GetUtcNow();
        var changed = new List<WorkflowDefinitionRecord> { ToRecord(doc) };
        if (latest is not null) changed.Add(latest with { IsLatest = false, Json = WithFlags(latest.Json, false, latest.IsPublished) });
        await store.SaveDefinitionsAsync(changed, ct);
        runtime.InvalidateDefinition(definitionId);
        return changed[0];
    }

    /// <summary>Imports a definition file: saved as the latest version, published when the file says so.</summary>
    public Task<DefinitionSaveResult> ImportAsync(WorkflowDefinitionDocument document, CancellationToken ct = default) =>
        SaveAsync(document, document.IsPublished, ct);

    public async Task<int> DeleteAsync(string definitionId, CancellationToken ct = default)
    {
        runtime.InvalidateDefinition(definitionId);
        await store.ReplaceTriggersAsync(definitionId, [], ct);
        await runtime.Scheduler.UnscheduleTriggersAsync(definitionId, ct);
        return await store.DeleteDefinitionAsync(definitionId, ct);
    }

    private async Task<List<Diagnostic>> ErrorsAsync(WorkflowDefinitionDocument doc, CancellationToken ct)
    {
        var errors = (await ValidateAsync(doc, ct)).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (doc.Root is not null && RootError(doc) is { } rootError) errors.Add(new Diagnostic(DiagnosticSeverity.Error, "$.root.type", rootError));
        return errors;
    }

    /// <summary>The root activities a definition may have: a flowchart or a sequence (Studio draws these; Elsa runs both).</summary>
    private static readonly string[] RootTypes = [Activities.Flowchart.Flowchart.TypeName, "Elsa.Sequence"];

    /// <summary>Why the definition's root cannot run here, or null.</summary>
    public static string? RootError(WorkflowDefinitionDocument document)
    {
        if (document.Root is not { } root) return "定义缺少根活动 root。";
        var type = root.GetString("type");
        return type is not null && RootTypes.Contains(type) ? null : $"根活动只能是流程图（Elsa.Flowchart）或顺序（Elsa.Sequence），不能是 '{type}'。";
    }

    private async Task IndexTriggersAsync(WorkflowDefinitionRecord record, CancellationToken ct)
    {
        var graph = await runtime.LoadAsync(record, ct);
        var scope = new StaticScope();
        var triggers = new List<WorkflowTrigger>();
        foreach (var node in graph.AllNodes.Where(n => n.CanStartWorkflow && n.Behavior is ITriggerActivity))
        {
            var activity = (ITriggerActivity)node.Behavior;
            var payloads = await activity.GetTriggerPayloadsAsync(node, runtime.Expressions, scope);
            for (var i = 0; i < payloads.Count; i++)
                triggers.Add(new WorkflowTrigger
                {
                    Id = i == 0 ? $"{record.Id}:{node.Id}" : $"{record.Id}:{node.Id}:{i}", DefinitionId = record.DefinitionId, DefinitionVersionId = record.Id,
                    ActivityId = node.Id, Name = node.Type, Hash = StimulusHasher.Hash(node.Type, payloads[i], activity.ExcludeFromHash), Payload = payloads[i],
                });
        }
        await store.ReplaceTriggersAsync(record.DefinitionId, triggers, ct);
        await runtime.Scheduler.UnscheduleTriggersAsync(record.DefinitionId, ct);
        foreach (var t in triggers) await runtime.ScheduleTriggerAsync(graph, t, ct);
    }

    public static WorkflowDefinitionRecord ToRecord(WorkflowDefinitionDocument doc) => new()
    {
        Id = doc.Id ?? doc.DefinitionId ?? WorkflowRunner.NewId(),
        DefinitionId = doc.DefinitionId ?? doc.Id!,
        Version = doc.Version,
        Name = doc.Name,
        Description = doc.Description,
        IsLatest = doc.IsLatest,
        IsPublished = doc.IsPublished,
        IsReadonly = doc.IsReadonly,
        IsSystem = doc.IsSystem,
        ToolVersion = doc.ToolVersion,
        CreatedAt = doc.CreatedAt == DateTimeOffset.MinValue ? DateTimeOffset.UnixEpoch : doc.CreatedAt,
        Json = doc.ToJson(),
    };

    private static string WithFlags(string json, bool isLatest, bool isPublished)
    {
        var doc = WorkflowDefinitionDocument.Parse(json);
        doc.IsLatest = isLatest;
        doc.IsPublished = isPublished;
        return doc.ToJson();
    }

    /// <summary>Scope for evaluating trigger inputs at publish time: no variables, no input.</summary>
    private sealed class StaticScope : Expressions.IExpressionScope
    {
        public string WorkflowInstanceId => "";
        public string? CorrelationId { get; set; }
        public IEnumerable<string> VariableNames => [];
        public bool TryGetVariable(string nameOrId, out object? value) { value = null; return false; }
        public void SetVariable(string nameOrId, object? value) { }
        public JsonObject Input { get; } = new();
    }
}
