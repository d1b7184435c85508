using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Documents;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Infrastructure.Documents;
using GreenTierWorkflows.Infrastructure.Spreadsheets;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Application.Documents;

/// <summary>
/// The papers officials sign, stamp or publish, generated from the app's data by the templates under
/// <c>templates/documents/</c> and archived: 申报书 and 现场核查记录 of one nomination, the district's 推荐文件 with 汇总表, the
/// city's 推荐汇总表 and the 公示. Scope as everywhere: a district generates and reads only its own; the city sees all; the
/// city's own papers are the city's. Each generation is archived with its SHA-256, who generated it and the data version
/// (a hash of the data it shows and of the template wording): the same data gives back the archived version, changed data
/// or wording a new version, and old versions stay.
/// </summary>
public sealed partial class DocumentService(GreenTierDbContext db, NominationService nominations, DocumentRenderer renderer, IPdfPrinter printer,
    WorkingDayCalendar calendar, DocumentOptions options, NominationOptions nominationOptions, TimeProvider clock)
{
    /// <summary>申报书 of a nomination the official may see (PDF).</summary>
    public async Task<DomainResult<DocumentView>> ApplicationFormAsync(Official who, string nominationId, CancellationToken ct = default)
    {
        var found = await nominations.FindAsync(who, nominationId, ct);
        if (!found.Ok) return found.Error!;
        var nomination = found.Value!;
        var model = await ApplicationFormModelAsync(nomination, ct);
        return await ArchiveAsync(who, DocumentKinds.ApplicationForm, DocumentFormats.Pdf, nomination.Id, nomination, nomination.DistrictCode, nomination.Year,
            $"申报书 · {nomination.ApplicantName}", $"{nomination.Year}年{nomination.ApplicantName}{DomainText.Of(nomination.Type)}申报书", model, ct);
    }

    /// <summary>现场核查记录 of a nomination the official may see, once its on-site verification is decided (PDF).</summary>
    public async Task<DomainResult<DocumentView>> VerificationRecordAsync(Official who, string nominationId, CancellationToken ct = default)
    {
        var found = await nominations.FindAsync(who, nominationId, ct);
        if (!found.Ok) return found.Error!;
        var nomination = found.Value!;
        var model = await VerificationRecordModelAsync(nomination, ct);
        if (model is null) return DomainError.Conflict("该申报尚未完成现场核查，暂不能生成现场核查记录。");
        return await ArchiveAsync(who, DocumentKinds.VerificationRecord, DocumentFormats.Pdf, nomination.Id, nomination, nomination.DistrictCode, nomination.Year,
            $"现场核查记录 · {nomination.ApplicantName}", $"{nomination.Year}年{nomination.ApplicantName}现场核查记录", model, ct);
    }

    /// <summary>
    /// The district's 推荐文件 with its 汇总表 for a year and type (PDF), or the 汇总表 alone (xlsx): every nomination the
    /// district submitted (recommended) that is not withdrawn. A district official generates his own district's only.
    /// </summary>
    public async Task<DomainResult<DocumentView>> DistrictRecommendationAsync(Official who, string districtCode, int year, NominationType type, string format,
        CancellationToken ct = default)
    {
        if (format is not (DocumentFormats.Pdf or DocumentFormats.Xlsx)) return DomainError.Invalid("format", "格式应为 pdf 或 xlsx。");
        if (!HuangshanUnits.IsDistrict(districtCode) || !who.CanSeeDistrict(districtCode)) return DomainError.NotFound("区县");
        if (year < ListYears.First || year > ListYears.Last(clock)) return DomainError.Invalid("year", "年度无效。");
        var rows = await DistrictRowsAsync(who, districtCode, year, type, ct);
        if (rows.Count == 0) return DomainError.Conflict($"{HuangshanUnits.NameOf(districtCode)}{year} 年度尚无已推荐的{DomainText.Of(type)}申报，无法生成推荐文件。");
        var model = await DistrictRecommendationModelAsync(districtCode, year, type, rows, ct);
        var name = $"{HuangshanUnits.NameOf(districtCode)}{year}年{DomainText.Of(type)}推荐" + (format == DocumentFormats.Xlsx ? "汇总表" : "文件");
        return await ArchiveAsync(who, DocumentKinds.DistrictRecommendation, format, $"district/{districtCode}/{year}/{type}", null, districtCode, year,
            name, name, model, ct, () => SpreadsheetWriter.WriteAsync("汇总表", DistrictHeaders, rows.Select(r => r.Cells()).ToList(), ct));
    }

    /// <summary>
    /// The city's 推荐汇总表 to the province for a year (PDF with the covering letter, or xlsx): the ranked recommendations
    /// within the year's quota. City-wide officials only.
    /// </summary>
    public async Task<DomainResult<DocumentView>> CityRecommendationAsync(Official who, int year, string format, CancellationToken ct = default)
    {
        if (format is not (DocumentFormats.Pdf or DocumentFormats.Xlsx)) return DomainError.Invalid("format", "格式应为 pdf 或 xlsx。");
        if (!who.IsCityWide) return DomainError.Forbidden("只有市级部门可以生成推荐汇总表。");
        if (year < ListYears.First || year > ListYears.Last(clock)) return DomainError.Invalid("year", "年度无效。");
        var rows = await CityRowsAsync(year, ct);
        if (rows.Count == 0) return DomainError.Conflict($"{year} 年度尚无市级推荐的申报，无法生成推荐汇总表。");
        var model = CityRecommendationModel(year, rows, await CityBureauAsync(ct));
        var name = $"黄山市{year}年省级绿色制造推荐汇总表";
        return await ArchiveAsync(who, DocumentKinds.CityRecommendation, format, $"city/{year}", null, HuangshanUnits.CityCode, year,
            name, name, model, ct, () => SpreadsheetWriter.WriteAsync("推荐汇总表", CityHeaders, rows.Select(r => r.Cells()).ToList(), ct));
    }

    /// <summary>
    /// 公示 of the city's list for a year (the provincial recommendations within quota and the nominations passed on site for
    /// the city tier): an HTML fragment for the bureau's website or a PDF; the period is
    /// <see cref="DocumentOptions.PublicNoticeWorkingDays"/> working days from <paramref name="start"/> (default: today, or
    /// the next working day). City-wide officials only.
    /// </summary>
    public async Task<DomainResult<DocumentView>> PublicNoticeAsync(Official who, int year, DateOnly? start, string format, CancellationToken ct = default)
    {
        if (format is not (DocumentFormats.Pdf or DocumentFormats.Html)) return DomainError.Invalid("format", "格式应为 pdf 或 html。");
        if (!who.IsCityWide) return DomainError.Forbidden("只有市级部门可以生成公示。");
        if (year < ListYears.First || year > ListYears.Last(clock)) return DomainError.Invalid("year", "年度无效。");
        var rows = await PublicNoticeRowsAsync(year, ct);
        if (rows.Count == 0) return DomainError.Conflict($"{year} 年度尚无拟公示的企业，无法生成公示。");
        var (first, last) = PublicNoticePeriod(start ?? ChinaTime.Today(clock));
        var model = PublicNoticeModel(year, rows, first, last, await CityBureauAsync(ct));
        var name = $"黄山市{year}年绿色制造名单公示";
        return await ArchiveAsync(who, DocumentKinds.PublicNotice, format, $"city/{year}", null, HuangshanUnits.CityCode, year, name, name, model, ct);
    }

    /// <summary>The first and last day of a 公示 starting on <paramref name="start"/> (or the next working day), counted in working days.</summary>
    public (DateOnly First, DateOnly Last) PublicNoticePeriod(DateOnly start)
    {
        var first = start;
        while (!calendar.IsWorkingDay(first)) first = first.AddDays(1);
        var last = ChinaTime.DayOf(calendar.AddWorkingDays(ChinaTime.StartOf(first.AddDays(-1)), options.PublicNoticeWorkingDays));
        return (first, last);
    }

    /// <summary>The archived documents of a nomination the official may see, newest first.</summary>
    public async Task<DomainResult<IReadOnlyList<DocumentView>>> ForNominationAsync(Official who, string nominationId, CancellationToken ct = default)
    {
        var found = await nominations.FindAsync(who, nominationId, ct);
        if (!found.Ok) return found.Error!;
        var rows = await Headers(db.GeneratedDocuments.AsNoTracking().Where(d => d.NominationId == nominationId)).ToListAsync(ct);
        return DomainResult<IReadOnlyList<DocumentView>>.Success(Newest(rows));
    }

    /// <summary>The archived list documents (推荐文件, 推荐汇总表, 公示) in the official's scope, of a year or of all years, newest first.</summary>
    public async Task<IReadOnlyList<DocumentView>> ListsAsync(Official who, int? year, CancellationToken ct = default)
    {
        var q = db.GeneratedDocuments.AsNoTracking().VisibleTo(who).Where(d => d.NominationId == null);
        if (year is { } y) q = q.Where(d => d.Year == y);
        var rows = await Headers(q).ToListAsync(ct);
        return Newest(rows);
    }

    /// <summary>The file of an archived version the official may see.</summary>
    public async Task<DomainResult<DocumentDownload>> ReadAsync(Official who, string documentId, CancellationToken ct = default)
    {
        var found = await db.GeneratedDocuments.AsNoTracking().VisibleTo(who).FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (found is null) return DomainError.NotFound("文书");
        return new DocumentDownload(found.FileName, found.ContentType, found.Content);
    }

    /// <summary>The stamped scan uploaded against an archived version the official may see.</summary>
    public async Task<DomainResult<DocumentDownload>> ReadScanAsync(Official who, string documentId, CancellationToken ct = default)
    {
        var found = await db.GeneratedDocuments.AsNoTracking().VisibleTo(who).FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (found?.ScanContent is null) return DomainError.NotFound("盖章扫描件");
        return new DocumentDownload(found.ScanFileName ?? "scan.pdf", "application/pdf", found.ScanContent);
    }

    /// <summary>
    /// Uploads the signed and stamped scan (PDF) of an archived version the official may see; a second upload replaces
    /// the first. The nomination's history records it.
    /// </summary>
    public async Task<DomainResult<DocumentView>> AttachScanAsync(Official who, string documentId, string fileName, Stream content, long length, CancellationToken ct = default)
    {
        var document = await db.GeneratedDocuments.VisibleTo(who).FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null) return DomainError.NotFound("文书");
        if (length <= 0) return DomainError.Invalid("file", "文件为空。");
        if (length > nominationOptions.MaxMaterialBytes)
            return DomainError.Invalid("file", $"文件过大：{length / 1024.0 / 1024.0:F1} MB，上限 {nominationOptions.MaxMaterialBytes / 1024 / 1024} MB。");
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var name = Path.GetFileName(fileName ?? "");
        if (UploadedPdf.Refusal(name, bytes) is { } refusal) return DomainError.Invalid("file", refusal);
        document.ScanFileName = name.Length > 200 ? name[^200..] : name;
        document.ScanContent = bytes;
        document.ScanSize = bytes.Length;
        document.ScanSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        document.ScanUploadedAt = clock.GetUtcNow();
        document.ScanUploadedBy = who.DisplayName;
        if (document.NominationId is { } nominationId)
            db.NominationEvents.Add(History(who, nominationId, "上传盖章扫描件",
                $"{DocumentKinds.NameOf(document.Kind)} 第 {document.Version} 版的盖章扫描件：{document.ScanFileName}（SHA-256 {document.ScanSha256[..16]}…）"));
        await db.SaveChangesAsync(ct);
        return DocumentView.From(document);
    }

    /// <summary>
    /// Renders the model (PDF or HTML; xlsx through <paramref name="spreadsheet"/>) and archives it as the next version of
    /// its subject, kind and format — unless the latest version was generated from the same data, which is returned instead.
    /// </summary>
    private async Task<DomainResult<DocumentView>> ArchiveAsync(Official who, string kind, string format, string subject, Nomination? nomination,
        string districtCode, int year, string title, string fileStem, JsonObject model, CancellationToken ct, Func<Task<byte[]>>? spreadsheet = null)
    {
        // The data shown and, for printed kinds, the templates' wording: either changing makes the next generation a new version.
        var templates = format == DocumentFormats.Xlsx ? "" : renderer.TemplateTextOf(kind);
        var dataVersion = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(model.ToJsonString() + "\n" + templates)))[..16];
        var latest = await db.GeneratedDocuments.AsNoTracking().Where(d => d.Subject == subject && d.Kind == kind && d.Format == format)
            .OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
        if (latest is not null && latest.DataVersion == dataVersion) return DocumentView.From(latest);

        var now = clock.GetUtcNow();
        var version = (latest?.Version ?? 0) + 1;
        model["stamp"] = $"由 {who.DisplayName}（{who.UserName}）于 {ChinaTime.Minute(now)} 生成 · 第 {version} 版 · 数据版本 {dataVersion}";
        model["generated_on"] = ChineseDate(ChinaTime.DayOf(now));
        model["document_title"] = title;
        byte[] content;
        try
        {
            content = format switch
            {
                DocumentFormats.Xlsx => await spreadsheet!(),
                DocumentFormats.Html => Encoding.UTF8.GetBytes(renderer.RenderFragment(kind, model)),
                _ => await printer.PrintAsync(renderer.RenderPage(kind, model), ct),
            };
        }
        catch (PdfPrintException ex)
        {
            return DomainError.Conflict(ex.Message);
        }
        var document = new GeneratedDocument
        {
            Id = Guid.CreateVersion7().ToString("N"), Kind = kind, Format = format, Subject = subject, NominationId = nomination?.Id,
            DistrictCode = districtCode, Year = year, Version = version, Title = title,
            FileName = $"{fileStem}（第{version}版）.{format}", ContentType = DocumentFormats.ContentTypeOf(format),
            Size = content.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)), DataVersion = dataVersion,
            GeneratedAt = now, GeneratedBy = who.DisplayName, Content = content,
        };
        db.GeneratedDocuments.Add(document);
        if (nomination is not null)
            db.NominationEvents.Add(History(who, nomination.Id, "生成文书",
                $"{DocumentKinds.NameOf(kind)} 第 {version} 版（数据版本 {dataVersion}，SHA-256 {document.Sha256[..16]}…）"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return DomainError.Conflict("同一文书正在由他人生成，请稍后重试。");
        }
        return DocumentView.From(document);
    }

    private NominationEvent History(Official who, string nominationId, string action, string comment) => new()
    {
        NominationId = nominationId, At = clock.GetUtcNow(), ActorId = who.UserId, ActorName = who.DisplayName, Action = action, Comment = comment,
    };

    /// <summary>The archive rows without their bytes.</summary>
    private static IQueryable<GeneratedDocument> Headers(IQueryable<GeneratedDocument> q) => q.Select(d => new GeneratedDocument
    {
        Id = d.Id, Kind = d.Kind, Format = d.Format, Subject = d.Subject, NominationId = d.NominationId, DistrictCode = d.DistrictCode, Year = d.Year,
        Version = d.Version, Title = d.Title, FileName = d.FileName, ContentType = d.ContentType, Size = d.Size, Sha256 = d.Sha256,
        DataVersion = d.DataVersion, GeneratedAt = d.GeneratedAt, GeneratedBy = d.GeneratedBy, ScanFileName = d.ScanFileName,
        ScanSha256 = d.ScanSha256, ScanSize = d.ScanSize, ScanUploadedAt = d.ScanUploadedAt, ScanUploadedBy = d.ScanUploadedBy,
    });

    private static IReadOnlyList<DocumentView> Newest(List<GeneratedDocument> rows) =>
        rows.OrderByDescending(d => d.GeneratedAt).ThenByDescending(d => d.Version).Select(DocumentView.From).ToList();

    /// <summary>2026年6月11日.</summary>
    public static string ChineseDate(DateOnly day) => $"{day.Year}年{day.Month}月{day.Day}日";
}
