using GreenTierWorkflows.Domain.Officials;

namespace GreenTierWorkflows.Domain.Documents;

/// <summary>
/// One archived version of a document the app generated from its data (申报书, 推荐文件与汇总表, 推荐汇总表, 公示, 现场核查记录):
/// the file as it was handed out, its SHA-256, who generated it and from which data version. Regenerating after the data
/// changed adds a new version and keeps the old ones; a stamped scan (盖章扫描件) can be attached to a version.
/// </summary>
public sealed class GeneratedDocument : IDistrictOwned
{
    public string Id { get; set; } = "";
    /// <summary>A <see cref="DocumentKinds"/> value.</summary>
    public string Kind { get; set; } = "";
    /// <summary>pdf, xlsx or html.</summary>
    public string Format { get; set; } = "";
    /// <summary>
    /// What the document is about: the nomination id for one nomination's papers, or a batch key
    /// (<c>district/{code}/{year}/{type}</c>, <c>city/{year}</c>) for lists; versions count per subject, kind and format.
    /// </summary>
    public string Subject { get; set; } = "";
    /// <summary>The nomination, for one nomination's papers (its history shows them).</summary>
    public string? NominationId { get; set; }
    /// <summary>The district the document belongs to; the city's code for the city's own papers.</summary>
    public string DistrictCode { get; set; } = "";
    public int Year { get; set; }
    public int Version { get; set; }
    /// <summary>Document title as shown in lists (申报书 · 企业名称 …).</summary>
    public string Title { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>.</summary>
    public string Sha256 { get; set; } = "";
    /// <summary>Lower-case hex SHA-256 (first 16 digits) of the data the document was generated from: same data, same version.</summary>
    public string DataVersion { get; set; } = "";
    public DateTimeOffset GeneratedAt { get; set; }
    public string GeneratedBy { get; set; } = "";
    public byte[] Content { get; set; } = [];

    /// <summary>The stamped scan uploaded back against this version (signed and sealed), if any.</summary>
    public string? ScanFileName { get; set; }
    public string? ScanSha256 { get; set; }
    public long? ScanSize { get; set; }
    public DateTimeOffset? ScanUploadedAt { get; set; }
    public string? ScanUploadedBy { get; set; }
    public byte[]? ScanContent { get; set; }
}
