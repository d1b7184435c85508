using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Effects;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Application.Listings;

namespace GreenTierWorkflows.Application.Effects;

/// <summary><c>GreenTier.SendNotice</c>: the template for the users of the role (the district's by default).</summary>
public sealed class NoticeRequestedHandler : EffectHandler<NoticeRequested>
{
    protected override Task ApplyAsync(EffectApplication a, NoticeRequested e, CancellationToken ct) =>
        a.NotifyAsync(e.Role ?? Roles.District, e.Template ?? NoticeKinds.DecisionResult,
            a.Model(e.Model as JsonObject is { } extra ? (JsonObject)extra.DeepClone() : new JsonObject()), ct);
}
