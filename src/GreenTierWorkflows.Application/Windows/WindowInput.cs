using GreenTierWorkflows.Domain.Nominations;

namespace GreenTierWorkflows.Application.Windows;

/// <summary>A window as entered; <see cref="Revision"/> (on update) must match the stored one.</summary>
public sealed record WindowInput(int? Year, NominationType? Type, Tier? Tier, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt,
    DateTimeOffset? DistrictDeadline, IReadOnlyList<int>? ReminderOffsetsDays, int? PublicNoticeWorkingDays, long? Revision);
