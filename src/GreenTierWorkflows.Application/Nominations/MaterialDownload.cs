namespace GreenTierWorkflows.Application.Nominations;

/// <summary>A stored PDF material as it is downloaded: its file name and bytes.</summary>
public sealed record MaterialDownload(string FileName, byte[] Content);
