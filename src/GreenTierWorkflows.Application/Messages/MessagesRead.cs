namespace GreenTierWorkflows.Application.Messages;

/// <summary>What 全部标为已读 did: how many messages it marked, and how many are unread now (none, unless new ones came meanwhile).</summary>
public sealed record MessagesRead(int Marked, int Unread);
