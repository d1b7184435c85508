using GreenTierWorkflows.Application.Dashboard;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Infrastructure.Audit;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Stages;
using GreenTierWorkflows.Domain.Text;
using GreenTierWorkflows.Domain.Windows;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Management;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Paging;
using GreenTierWorkflows.Application.Registry;
using GreenTierWorkflows.Application.Validation;

namespace GreenTierWorkflows.Application.Nominations;

/// <summary>
/// Nominations: drafting from the cultivation pool (with the tier ladder and negative list checked), materials, and
/// submission inside an open declaration window, which starts the type's published workflow.
/// </summary>
public sealed partial class NominationService(GreenTierDbContext db, WorkflowRuntime runtime,
    IDeclarationWindowPolicy windows, IMaterialContentStore contents, NominationOptions options, TimeProvider clock, ILogger<NominationService> logger, IAuditLog audit,
    NominationDraftRules rules)
{
    /// <summary>The nominations in the official's jurisdiction (<see cref="JurisdictionScope"/>).</summary>
    public IQueryable<Nomination> Visible(Official who) => db.Nominations.VisibleTo(who);

    /// <summary>
    /// The nominations the official may see, narrowed and ordered as <paramref name="query"/> asks — in the database, so
    /// a page costs the same at 100 rows and at 100,000. A filter value outside its rule is refused at its field.
    /// </summary>
    public DomainResult<IQueryable<Nomination>> Search(Official who, NominationListQuery query) => Search(who, query, ListFilter.Read(query));

    /// <summary>The list query's district, keyword and order as their rules read them: the search and its page's count read them once.</summary>
    private sealed record ListFilter(string? District, ListKeyword? Keyword, string Sort)
    {
        public static DomainResult<ListFilter> Read(NominationListQuery query)
        {
            var errors = new FieldErrors();
            var district = RegistryRules.DistrictFilter(errors, query.District);
            var keyword = ListKeyword.Read(query.Keyword, errors.Add);
            var sort = string.IsNullOrWhiteSpace(query.Sort) ? NominationSort.Created : query.Sort.Trim().ToLowerInvariant();
            if (!NominationSort.All.Contains(sort)) errors.Add("sort", $"排序「{query.Sort}」不正确，应为 {string.Join("、", NominationSort.All)} 之一。");
            return errors.Any ? errors.ToError() : new ListFilter(district, keyword, sort);
        }
    }

    private DomainResult<IQueryable<Nomination>> Search(Official who, NominationListQuery query, DomainResult<ListFilter> filter)
    {
        if (filter.Error is { } refused) return refused;
        var (district, keyword, sort) = filter.Value!;
        // The keyword's one rule and its index (KeywordIndex): three characters or more start the query from the index's
        // matches, so its cost follows the matches instead of the year; a shorter one is a substring scan (the same meaning).
        var q = (keyword is null ? db.Nominations : KeywordIndex.Nominations(db, keyword.Text, keyword.Code)).VisibleTo(who).AsNoTracking();
        if (query.Year is { } y) q = q.Where(n => n.Year == y);
        if (query.Type is { } t) q = q.Where(n => n.Type == t);
        if (query.Status is { } s) q = q.Where(n => n.Status == s);
        if (!string.IsNullOrWhiteSpace(query.Stage)) q = q.Where(n => n.Stage == query.Stage.Trim());
        if (district is not null) q = q.Where(n => n.DistrictCode == district);
        // Dates read newest first and names A→Z unless the query names the direction.
        var desc = query.Desc ?? sort is NominationSort.Created or NominationSort.Submitted;
        return DomainResult<IQueryable<Nomination>>.Success(sort switch
        {
            NominationSort.Submitted => desc ? q.OrderByDescending(n => n.SubmittedAt).ThenByDescending(n => n.Id) : q.OrderBy(n => n.SubmittedAt).ThenBy(n => n.Id),
            NominationSort.Applicant => desc ? q.OrderByDescending(n => n.ApplicantName).ThenByDescending(n => n.Id) : q.OrderBy(n => n.ApplicantName).ThenBy(n => n.Id),
            NominationSort.District => desc
                ? q.OrderByDescending(n => n.DistrictCode).ThenByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
                : q.OrderBy(n => n.DistrictCode).ThenByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id),
            _ => desc ? q.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id) : q.OrderBy(n => n.CreatedAt).ThenBy(n => n.Id),
        });
    }

    /// <summary>
    /// The rows of <paramref name="nominations"/> (a <see cref="Search"/>) as the export writes them, in their order, with each
    /// enterprise's credit code from a correlated look-up by primary key — a query to stream, not a list.
    /// </summary>
    public IQueryable<NominationListRow> ListRows(IQueryable<Nomination> nominations) =>
        nominations.Select(n => new NominationListRow(n.Id, n.ApplicantName,
            db.Enterprises.Where(e => e.Id == n.EnterpriseId).Select(e => e.CreditCode).FirstOrDefault(),
            n.Type, n.TargetTier, n.Year, n.DistrictCode, n.Status, n.Stage, n.Score, n.CreatedAt, n.SubmittedAt));

    /// <summary>
    /// One page of <see cref="Search"/> and how many nominations match, both in the database. The page's ids are read
    /// first, from the list's index alone, then its rows by id: PostgreSQL then skips a far page's OFFSET entries in an
    /// index-only scan instead of reading and sorting whole rows (page 2,500 of 100,000: 60 ms → 8 ms in EXPLAIN ANALYZE).
    /// Without a keyword the total is read from the dashboard's counts (<see cref="CountedTotals"/>) where they hold the
    /// filter, instead of counting the year's index.
    /// </summary>
    public Task<DomainResult<PageOf<Nomination>>> PageAsync(Official who, NominationListQuery query, int? page, int? pageSize, CancellationToken ct = default)
    {
        var filter = ListFilter.Read(query);
        Func<CancellationToken, Task<int>>? counted = null;
        if (filter.Value is { Keyword: null, District: var district } && CountedTotals.CanCountNominations(query.Type, query.Status, query.Stage))
            counted = token => CountedTotals.NominationsAsync(db, who, query.Year, district, query.Type, query.Status, query.Stage, token);
        return PagedSearch.PageAsync(Search(who, query, filter), page, pageSize, async (rows, token) =>
        {
            var ids = await rows.Select(n => n.Id).ToListAsync(token);
            var found = await db.Nominations.AsNoTracking().Include(n => n.Materials).Where(n => ids.Contains(n.Id)).ToDictionaryAsync(n => n.Id, token);
            return ids.Where(found.ContainsKey).Select(id => found[id]).ToList(); // a nomination deleted in between is left out
        }, ct, counted);
    }

    public async Task<DomainResult<Nomination>> FindAsync(Official who, string id, CancellationToken ct = default) =>
        await Visible(who).Include(n => n.Materials).FirstOrDefaultAsync(n => n.Id == id, ct) is { } n
            ? DomainResult<Nomination>.Success(n) : DomainError.NotFound("申报");

    public async Task<DomainResult<Nomination>> CreateAsync(Official who, NominationDraft draft, CancellationToken ct = default)
    {
        if (!who.IsInRole(Roles.District) || who.Jurisdiction is null) return DomainError.Forbidden("只有区县主管部门可以创建申报。");
        var check = await rules.CheckAsync(who, draft, ct: ct);
        if (!check.Ok) return check.Error!;
        var (applicant, district, evaluator, standard, negative) = check.Value!;

        var now = clock.GetUtcNow();
        var nomination = new Nomination
        {
            Id = Guid.CreateVersion7().ToString("N"), Type = draft.Type, TargetTier = draft.TargetTier, Year = draft.Year,
            DistrictCode = district, EnterpriseId = draft.EnterpriseId, ParkId = draft.ParkId, ApplicantName = applicant,
            EvaluationMode = draft.EvaluationMode, EvaluatorName = evaluator, StandardVersion = standard,
            Score = draft.Score, NegativeList = [.. negative],
            Status = NominationStatus.Draft, Stage = StageNames.Draft, CreatedAt = now, UpdatedAt = now, CreatedBy = who.UserName,
        };
        db.Nominations.Add(nomination);
        db.NominationEvents.Add(new NominationEvent { NominationId = nomination.Id, At = now, ActorId = who.UserId, ActorName = who.DisplayName, Action = "创建申报", Stage = StageNames.Draft });
        await db.SaveChangesAsync(ct);
        return DomainResult<Nomination>.Success(nomination);
    }

    /// <summary>Whether the official may add materials to the nomination now: a district, while it is a draft or returned for revision.</summary>
    public static bool CanEditMaterials(Official who, Nomination nomination) => MaterialEditRefusal(who, nomination) is null;

    private static DomainError? MaterialEditRefusal(Official who, Nomination nomination)
    {
        if (!who.IsInRole(Roles.District)) return DomainError.Forbidden("只有区县主管部门可以上传申报材料。");
        if (nomination.Status is not (NominationStatus.Draft or NominationStatus.Returned))
            return DomainError.Conflict("申报已提交，不能再修改材料（退回修改时可以）。");
        return null;
    }

    /// <summary>A nomination the official may see with its 办理历史 and its open review tasks, as its page shows them.</summary>
    public async Task<DomainResult<NominationOverview>> OverviewAsync(Official who, string nominationId, CancellationToken ct = default)
    {
        var found = await FindAsync(who, nominationId, ct);
        if (!found.Ok) return found.Error!;
        var openTasks = await db.ReviewTasks.AsNoTracking()
            .Where(t => t.NominationId == nominationId && t.Status == GreenTierWorkflows.Domain.Tasks.ReviewTaskStatus.Open).ToListAsync(ct);
        return new NominationOverview(found.Value!, await HistoryAsync(nominationId, ct), openTasks, await ApplicantProfileAsync(found.Value!, ct));
    }

    /// <summary>
    /// The applicant's registry record and its listings, for a nomination the caller has already found in its scope (the
    /// record belongs to the nomination's district).
    /// </summary>
    public async Task<ApplicantProfile> ApplicantProfileAsync(Nomination nomination, CancellationToken ct = default)
    {
        var enterprise = nomination.EnterpriseId is { } e ? await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(x => x.Id == e, ct) : null;
        var park = nomination.ParkId is { } p ? await db.Parks.AsNoTracking().FirstOrDefaultAsync(x => x.Id == p, ct) : null;
        var listings = await db.Listings.AsNoTracking()
            .Where(l => (nomination.EnterpriseId != null && l.EnterpriseId == nomination.EnterpriseId) || (nomination.ParkId != null && l.ParkId == nomination.ParkId))
            .ToListAsync(ct);
        return new ApplicantProfile(enterprise, park, listings.OrderByDescending(l => l.ListedOn).ThenByDescending(l => l.Tier).ToList());
    }

    /// <summary>
    /// 删除草稿: the district deletes its own draft — one never submitted — with its material records and history, in one
    /// save, and the security audit records it. A submitted nomination is never deleted (409). Stored file contents stay:
    /// they are kept per SHA-256 and may be shared with other materials.
    /// </summary>
    public async Task<DomainResult<Nomination>> DeleteDraftAsync(Official who, string nominationId, CancellationToken ct = default)
    {
        var found = await FindAsync(who, nominationId, ct);
        if (!found.Ok) return found.Error!;
        var nomination = found.Value!;
        if (!who.IsInRole(Roles.District)) return DomainError.Forbidden("只有区县主管部门可以删除申报草稿。");
        if (nomination.Status != NominationStatus.Draft || nomination.WorkflowInstanceId is not null)
            return DomainError.Conflict("申报已提交，不能删除；只有从未提交的草稿可以删除。");
        var materials = await db.Materials.IgnoreQueryFilters().Where(m => m.NominationId == nomination.Id).ToListAsync(ct);
        db.Materials.RemoveRange(materials);
        db.NominationEvents.RemoveRange(await db.NominationEvents.Where(e => e.NominationId == nomination.Id).ToListAsync(ct));
        db.Nominations.Remove(nomination);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new AuditRecord(AuditActions.DraftDeleted, nomination.Id,
            $"删除申报草稿：{nomination.ApplicantName}（{HuangshanUnits.NameOf(nomination.DistrictCode)} · {nomination.Year} 年度{DomainText.Of(nomination.TargetTier)}" +
            $"{DomainText.Of(nomination.Type)}），材料 {materials.Count} 份") { ActorId = who.UserId, ActorName = who.UserName }, ct);
        return nomination;
    }

    /// <summary>Stores an uploaded PDF (once per content) and records it on the nomination.</summary>
    public async Task<DomainResult<Material>> AddMaterialAsync(Official who, string nominationId, string category, string fileName, string contentType,
        Stream content, long length, CancellationToken ct = default)
    {
        var found = await FindAsync(who, nominationId, ct);
        if (!found.Ok) return found.Error!;
        var nomination = found.Value!;
        if (MaterialEditRefusal(who, nomination) is { } refused) return refused;
        // A material added to a nomination returned for revision is part of what the reviewer gets back: one history line,
        // saved with the material (and taken back if the file is refused). Uploads to a draft are its preparation.
        NominationEvent? line = null;
        if (nomination.Status == NominationStatus.Returned)
            db.NominationEvents.Add(line = new NominationEvent
            {
                NominationId = nomination.Id, At = clock.GetUtcNow(), ActorId = who.UserId, ActorName = who.DisplayName, Action = AddedAction,
                Stage = nomination.Stage, Comment = $"{category}：{Path.GetFileName(fileName)}",
                WorkflowDefinitionId = nomination.WorkflowDefinitionId, WorkflowVersion = nomination.WorkflowVersion,
            });
        var stored = await StoreMaterialAsync(nomination.Id, category, fileName, content, length, who.UserName, ct);
        if (!stored.Ok && line is not null) db.Entry(line).State = EntityState.Detached;
        return stored;
    }

    /// <summary>
    /// Checks an uploaded file (PDF without scripts or embedded files, size, a clean name) and records it on the
    /// nomination; its bytes are stored once per content (SHA-256) where <c>Nominations:MaterialStorage</c> says
    /// (<see cref="IMaterialContentStore"/>). With <paramref name="pendingTaskId"/> the material is stored pending: invisible
    /// until that task's decision is recorded (<see cref="Material.PendingSince"/>). <paramref name="materialId"/> names the new
    /// material when the caller has already referred to it (a replacement); a new id otherwise.
    /// </summary>
    public async Task<DomainResult<Material>> StoreMaterialAsync(string nominationId, string category, string fileName, Stream content, long length,
        string uploadedBy, CancellationToken ct = default, string? pendingTaskId = null, string? materialId = null)
    {
        var categoryText = TextInput.Check(category, "材料类别");
        if (!categoryText.Ok) return DomainError.Invalid("category", categoryText.Error!);
        if (categoryText.Value is null) return DomainError.Invalid("category", "请选择材料类别。");
        var name = TextInput.Check(Path.GetFileName(fileName), "文件名");
        if (!name.Ok) return DomainError.Invalid("file", name.Error!);
        if (length <= 0) return DomainError.Invalid("file", "文件为空。");
        if (length > options.MaxMaterialBytes)
            return DomainError.Invalid("file", $"文件过大：{length / 1024.0 / 1024.0:F1} MB，上限 {options.MaxMaterialBytes / 1024 / 1024} MB。");
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (UploadedPdf.Refusal(fileName, bytes) is { } refusal) return DomainError.Invalid("file", refusal);
        var material = new Material
        {
            Id = materialId ?? Guid.CreateVersion7().ToString("N"), NominationId = nominationId, Category = categoryText.Value, FileName = name.Value ?? "",
            ContentType = "application/pdf", Size = bytes.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            UploadedAt = clock.GetUtcNow(), UploadedBy = uploadedBy,
            PendingSince = pendingTaskId is null ? null : clock.GetUtcNow(), PendingTaskId = pendingTaskId,
        };
        await contents.AddAsync(material, bytes, ct);
        return DomainResult<Material>.Success(material);
    }

    /// <summary>The stored bytes of <paramref name="material"/>; null if they are missing.</summary>
    public Task<byte[]?> ReadContentAsync(Material material, CancellationToken ct = default) => contents.ReadAsync(material.Sha256, ct);

    /// <summary>
    /// Takes back materials stored by a request that was then refused: their rows, and the content of each that no other
    /// material still refers to (contents are shared by hash).
    /// </summary>
    public async Task RemoveStoredMaterialsAsync(IReadOnlyCollection<Material> materials, CancellationToken ct = default)
    {
        if (materials.Count == 0) return;
        await contents.RemoveAsync(materials, ct);
        var ids = materials.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in db.ChangeTracker.Entries<Material>().Where(e => ids.Contains(e.Entity.Id)).ToList()) entry.State = EntityState.Detached;
    }

    /// <summary>Submits a draft inside its open declaration window: starts the published workflow of its type.</summary>
    public async Task<DomainResult<Nomination>> SubmitAsync(Official who, string nominationId, CancellationToken ct = default)
    {
        var found = await FindAsync(who, nominationId, ct);
        if (!found.Ok) return found.Error!;
        var nomination = found.Value!;
        if (!who.IsInRole(Roles.District)) return DomainError.Forbidden("只有区县主管部门可以提交申报。");
        if (nomination.Status != NominationStatus.Draft) return DomainError.Conflict($"申报当前为「{DomainText.Of(nomination.Status)}」，不能重复提交。");
        if (!nomination.CurrentMaterials.Any()) return DomainError.Invalid("materials", "请先上传申报材料（至少一份 PDF，如评价报告）。");
        var now = clock.GetUtcNow();
        var window = await windows.CheckSubmissionAsync(nomination.Year, nomination.Type, nomination.TargetTier, now, ct);
        if (!window.Allowed) return DomainError.Conflict(window.Message ?? "当前不在申报窗口期内。");

        var definitionId = DomainText.WorkflowOf(nomination.Type);
        var draft = (nomination.Status, nomination.Stage, nomination.SubmittedAt, nomination.UpdatedAt, nomination.WorkflowDefinitionId, nomination.WorkflowInstanceId);
        nomination.Status = NominationStatus.InProgress;
        nomination.Stage = StageNames.DistrictRecommended;
        nomination.SubmittedAt = now;
        nomination.UpdatedAt = now;
        nomination.WorkflowDefinitionId = definitionId;
        nomination.WorkflowInstanceId = WorkflowRunner.NewId();
        nomination.Revision++;
        var submitted = new NominationEvent
        {
            NominationId = nomination.Id, At = now, ActorId = who.UserId, ActorName = who.DisplayName, Action = "提交（区县推荐）",
            Stage = StageNames.DistrictReview, WorkflowDefinitionId = definitionId,
        };
        db.NominationEvents.Add(submitted);
        // Saved before the workflow starts: the workflow's first effects need the nomination row. Submission and start
        // stand or fall together: a start that does not commit (definition missing, a fault in its first step, the store
        // failing, the request cancelled) commits nothing of the workflow, and the submission is undone below, so the
        // nomination is a draft again with no trace of the attempt. Once the step is committed the submission stands,
        // even if its projection is still pending (the effect applier catches up).
        await db.SaveChangesAsync(ct);
        try
        {
            var run = await runtime.StartAsync(definitionId, new StartWorkflowOptions
            {
                InstanceId = nomination.WorkflowInstanceId, CorrelationId = nomination.Id, Name = nomination.WorkflowInstanceName, DiscardIfFaulted = true,
                Input = new JsonObject
                {
                    ["nominationId"] = nomination.Id, ["district"] = nomination.DistrictCode, ["type"] = nomination.Type.ToString(),
                    ["targetTier"] = nomination.TargetTier.ToString(), ["year"] = nomination.Year, ["applicantName"] = nomination.ApplicantName,
                },
            }, ct: ct);
            nomination.WorkflowVersion = run.State.DefinitionVersion;
        }
        catch (Exception e)
        {
            (nomination.Status, nomination.Stage, nomination.SubmittedAt, nomination.UpdatedAt, nomination.WorkflowDefinitionId, nomination.WorkflowInstanceId) = draft;
            nomination.Revision++;
            db.NominationEvents.Remove(submitted);
            await db.SaveChangesAsync(CancellationToken.None);
            if (e is OperationCanceledException && ct.IsCancellationRequested) throw;
            if (e is not (WorkflowDefinitionNotFoundException or WorkflowStartFaultedException))
                logger.LogError(e, "申报 {NominationId} 的流程 {DefinitionId} 启动失败，提交已撤回。", nomination.Id, definitionId);
            return DomainError.Conflict(e is WorkflowDefinitionNotFoundException
                ? $"流程「{definitionId}」尚未发布，暂不能提交。请联系流程设计员。"
                : $"启动流程「{definitionId}」时出错，申报未提交，仍为草稿。请稍后重试；如仍失败，请联系流程设计员。");
        }
        await db.Entry(nomination).ReloadAsync(ct); // the step's effects were applied when it committed
        return DomainResult<Nomination>.Success(nomination);
    }

    /// <summary>Records an objection received during the nomination's 公示; the workflow turns to the objection check.</summary>
    public async Task<DomainResult<Nomination>> ObjectAsync(Official who, string nominationId, string? content, CancellationToken ct = default)
    {
        if (!who.IsInRole(Roles.CityReviewer) && !who.IsInRole(Roles.Province) && !who.IsInRole(Roles.Admin))
            return DomainError.Forbidden("只有市级评审、省级联络员或管理员可以登记公示异议。");
        var found = await FindAsync(who, nominationId, ct);
        if (!found.Ok) return found;
        var nomination = found.Value!;
        var text = TextInput.Check(content, "异议内容", multiLine: true);
        if (!text.Ok) return DomainError.Invalid("content", text.Error!);
        if (text.Value is null) return DomainError.Invalid("content", "请填写异议内容。");
        if (nomination.WorkflowInstanceId is null) return DomainError.Conflict("该申报不在公示期，不能登记异议。");
        var runs = await runtime.TriggerAsync(GreenTierWorkflows.Domain.Activities.PublicNoticeActivity.TypeName,
            GreenTierWorkflows.Domain.Activities.PublicNoticeActivity.ObjectionStimulus,
            new JsonObject { ["content"] = text.Value, ["actorId"] = who.UserId, ["actorName"] = who.DisplayName },
            workflowInstanceId: nomination.WorkflowInstanceId, ct: ct);
        if (runs.Count == 0) return DomainError.Conflict("该申报不在公示期，不能登记异议。");
        await db.Entry(nomination).ReloadAsync(ct);
        return DomainResult<Nomination>.Success(nomination);
    }

    public async Task<IReadOnlyList<NominationEvent>> HistoryAsync(string nominationId, CancellationToken ct = default) =>
        await db.NominationEvents.AsNoTracking().Where(e => e.NominationId == nominationId).OrderBy(e => e.Id).ToListAsync(ct);

    /// <summary>The 办理历史 of a nomination the official may see.</summary>
    public async Task<DomainResult<IReadOnlyList<HistoryView>>> HistoryAsync(Official who, string nominationId, CancellationToken ct = default)
    {
        var found = await FindAsync(who, nominationId, ct);
        if (!found.Ok) return found.Error!;
        var events = await HistoryAsync(nominationId, ct);
        return DomainResult<IReadOnlyList<HistoryView>>.Success(events.Select(HistoryView.From).ToList());
    }

    /// <summary>A material of a nomination the official may see, with its stored bytes.</summary>
    public async Task<DomainResult<MaterialDownload>> ReadMaterialAsync(Official who, string nominationId, string materialId, CancellationToken ct = default)
    {
        var found = await FindAsync(who, nominationId, ct);
        if (!found.Ok) return found.Error!;
        var material = found.Value!.Materials.FirstOrDefault(m => m.Id == materialId);
        var content = material is null ? null : await ReadContentAsync(material, ct);
        if (material is null || content is null) return DomainError.NotFound("材料");
        return new MaterialDownload(material.FileName, content);
    }
}
