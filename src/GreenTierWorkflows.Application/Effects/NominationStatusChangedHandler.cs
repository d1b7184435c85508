using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Effects;
using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Application.Listings;

namespace GreenTierWorkflows.Application.Effects;

/// <summary>The nomination's status and stage change; a listing is created when it is listed; the district is told of a final decision.</summary>
public sealed class NominationStatusChangedHandler : EffectHandler<NominationStatusChanged>
{
    protected override async Task ApplyAsync(EffectApplication a, NominationStatusChanged e, CancellationToken ct)
    {
        var nomination = a.Nomination;
        if (!Enum.TryParse<NominationStatus>(e.Status, out var status)) status = nomination.Status;
        var decidedAt = nomination.Stage;
        nomination.Status = status;
        if (e.Stage is { Length: > 0 } stage) nomination.Stage = stage;
        a.History("状态变更", $"{DomainText.Of(status)}：{nomination.Stage}{(e.Note is { Length: > 0 } note ? "。" + note : "")}");
        var tier = Enum.TryParse<Tier>(e.ListedTier, out var t) ? t : nomination.TargetTier;
        if (status == NominationStatus.Listed)
        {
            a.Db.Listings.Add(new Listing
            {
                Id = Guid.CreateVersion7().ToString("N"), Type = nomination.Type, Tier = tier, EnterpriseId = nomination.EnterpriseId,
                ParkId = nomination.ParkId, ApplicantName = nomination.ApplicantName, DistrictCode = nomination.DistrictCode,
                Year = nomination.Year, ListedOn = ChinaTime.DayOf(a.Now),
                NominationId = nomination.Id, Status = ListingStatus.Active,
            });
        }
        if (status is NominationStatus.Listed or NominationStatus.Rejected)
            await a.NotifyDistrictAsync(NoticeKinds.DecisionResult, a.Model(new()
            {
                ["result"] = status == NominationStatus.Listed
                    ? $"通过，已列入{DomainText.Of(tier)}{DomainText.Of(nomination.Type)}名单"
                    : $"未通过（{decidedAt}）",
                ["comment"] = e.Note ?? "",
            }), ct);
    }
}
