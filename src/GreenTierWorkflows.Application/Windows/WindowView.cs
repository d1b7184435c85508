using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Windows;

namespace GreenTierWorkflows.Application.Windows;

/// <summary>A declaration window and whether it accepts submissions now.</summary>
public sealed record WindowView(string Id, int Year, NominationType Type, string TypeName, Tier Tier, string TierName, DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt, DateTimeOffset DistrictDeadline, IReadOnlyList<int> ReminderOffsetsDays, int PublicNoticeWorkingDays, bool AcceptsSubmissions, long Revision)
{
    public static WindowView From(DeclarationWindow w, DateTimeOffset now) => new(w.Id, w.Year, w.Type, DomainText.Of(w.Type), w.Tier, DomainText.Of(w.Tier),
        w.OpensAt, w.ClosesAt, w.DistrictDeadline, w.ReminderOffsetsDays, w.PublicNoticeWorkingDays, w.AcceptsSubmissionAt(now), w.Revision);
}
