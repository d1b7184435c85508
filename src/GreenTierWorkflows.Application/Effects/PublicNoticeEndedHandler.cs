using GreenTierWorkflows.Domain.Effects;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Application.Listings;

namespace GreenTierWorkflows.Application.Effects;

/// <summary>A 公示 ends, with or without an objection: a history line and a notice to the district.</summary>
public sealed class PublicNoticeEndedHandler : EffectHandler<PublicNoticeEnded>
{
    protected override Task ApplyAsync(EffectApplication a, PublicNoticeEnded e, CancellationToken ct)
    {
        var objected = e.Objections > 0;
        a.History(objected ? "公示异议" : "公示结束",
            objected ? $"{e.Level}公示期间收到异议：{e.Objection}" : $"{e.Level}公示期满，无异议",
            actorName: objected ? e.ActorName : null);
        return a.NotifyDistrictAsync(NoticeKinds.PublicNoticeEnded, a.Model(new()
        {
            ["level_name"] = e.Level, ["ends_on"] = EffectApplication.Date(e.EndsOn), ["objections"] = objected ? 1 : 0,
            ["result"] = objected ? "收到异议，转入异议核查" : "公示期满无异议",
        }), ct);
    }
}
