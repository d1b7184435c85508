using GreenTierWorkflows.Domain.Documents;

namespace GreenTierWorkflows.Application.Documents;

/// <summary>One archived document version as lists and the API show it (without its bytes).</summary>
public sealed record DocumentView(string Id, string Kind, string KindName, string Format, string Title, int Version, string FileName, long Size,
    string Sha256, string DataVersion, DateTimeOffset GeneratedAt, string GeneratedBy, string? NominationId, int Year,
    string? ScanFileName, string? ScanSha256, DateTimeOffset? ScanUploadedAt, string? ScanUploadedBy)
{
    public static DocumentView From(GeneratedDocument d) => new(d.Id, d.Kind, DocumentKinds.NameOf(d.Kind), d.Format, d.Title, d.Version, d.FileName, d.Size,
        d.Sha256, d.DataVersion, d.GeneratedAt, d.GeneratedBy, d.NominationId, d.Year, d.ScanFileName, d.ScanSha256, d.ScanUploadedAt, d.ScanUploadedBy);

    /// <summary>Where the file is downloaded.</summary>
    public string ContentUrl => $"/api/documents/{Id}/content";
}
