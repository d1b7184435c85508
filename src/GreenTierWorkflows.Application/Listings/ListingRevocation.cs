using GreenTierWorkflows.Domain.Calendar;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;

namespace GreenTierWorkflows.Application.Listings;

/// <summary>Revoking a listing, by an official (<see cref="ListingService"/>) or by the dynamic-management workflow.</summary>
public static class ListingRevocation
{
    /// <summary>撤销: the listing loses its place, the history says why, the district is told.</summary>
    public static async Task RevokeAsync(GreenTierDbContext db, Nomination nomination, Listing listing, string reason, string? actorId, string actorName,
        int? version, DateTimeOffset now, CancellationToken ct)
    {
        listing.Status = ListingStatus.Revoked;
        listing.RevokedAt = now;
        listing.RevocationReason = reason;
        db.NominationEvents.Add(new NominationEvent
        {
            NominationId = nomination.Id, At = now, ActorId = actorId, ActorName = actorName, Action = "撤销名单资格",
            Stage = $"{DomainText.Of(listing.Tier)}名单", Comment = reason, WorkflowDefinitionId = nomination.WorkflowDefinitionId, WorkflowVersion = version,
        });
        foreach (var to in await RecipientDirectory.FindAsync(db, Roles.District, listing.DistrictCode, ct))
            db.OutboxNotices.Add(OutboxNotice.Create(NoticeKinds.ListingRevoked, to, new JsonObject
            {
                ["applicant_name"] = listing.ApplicantName, ["type_name"] = DomainText.Of(listing.Type), ["tier_name"] = DomainText.Of(listing.Tier),
                ["reason"] = reason, ["revoked_on"] = ChinaTime.Day(now),
                ["district_name"] = HuangshanUnits.NameOf(listing.DistrictCode), ["app_url"] = "",
            }, $"revoked:{listing.Id}", now, nomination.Id));
    }
}
