namespace GreenTierWorkflows.Application.Documents;

/// <summary>A generated document (or its stamped scan) as it is downloaded.</summary>
public sealed record DocumentDownload(string FileName, string ContentType, byte[] Content);
