using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Infrastructure.Audit;
using GreenTierWorkflows.Runtime.Management;
using GreenTierWorkflows.Runtime.Persistence;

namespace GreenTierWorkflows.Application.Audit;

/// <summary>
/// Security-audit lines for definition changes made through the Elsa API (and so through Studio): publish (also save
/// with publish and import of a published file), retract and delete, each naming the definition and its version. Who
/// and from where come from the request. A publish refused by validation is recorded as failed with its first errors.
/// </summary>
public static class WorkflowAudit
{
    /// <summary>Records a publish attempt; nothing when the latest version was already the published one (no change).</summary>
    public static Task PublishedAsync(IAuditLog audit, string? definitionId, DefinitionSaveResult result, CancellationToken ct)
    {
        if (result.AlreadyPublished) return Task.CompletedTask;
        if (result.Succeeded) return audit.RecordAsync(new AuditRecord(AuditActions.WorkflowPublished, result.Definition!.DefinitionId, Describe(result.Definition)), ct);
        var errors = string.Join("；", result.ValidationErrors.Take(3).Select(d => $"{d.JsonPath}: {d.Message}"));
        return audit.RecordAsync(new AuditRecord(AuditActions.WorkflowPublished, definitionId, $"发布被拒绝：{errors}", Succeeded: false), ct);
    }

    /// <summary>Records a retract; <paramref name="retracted"/> is null when nothing was published (recorded as refused).</summary>
    public static Task RetractedAsync(IAuditLog audit, string definitionId, WorkflowDefinitionRecord? retracted, CancellationToken ct) =>
        audit.RecordAsync(retracted is null
            ? new AuditRecord(AuditActions.WorkflowRetracted, definitionId, "未发布，无法撤回", Succeeded: false)
            : new AuditRecord(AuditActions.WorkflowRetracted, definitionId, Describe(retracted)), ct);

    /// <summary>Records the removal of one version, or of every version when <paramref name="version"/> is null.</summary>
    public static Task DeletedAsync(IAuditLog audit, string definitionId, WorkflowDefinitionRecord? version, CancellationToken ct) =>
        audit.RecordAsync(new AuditRecord(AuditActions.WorkflowDeleted, definitionId, version is null
            ? "删除全部版本"
            : $"删除{Describe(version)}{(version.IsPublished ? "（发布版本，同时撤回）" : "")}"), ct);

    private static string Describe(WorkflowDefinitionRecord record) =>
        string.IsNullOrWhiteSpace(record.Name) ? $"版本 {record.Version}" : $"版本 {record.Version}「{record.Name}」";
}
