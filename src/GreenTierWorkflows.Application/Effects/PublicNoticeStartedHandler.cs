using GreenTierWorkflows.Domain.Effects;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Application.Listings;

namespace GreenTierWorkflows.Application.Effects;

/// <summary>A 公示 begins: a history line and a notice to the district with its dates.</summary>
public sealed class PublicNoticeStartedHandler : EffectHandler<PublicNoticeStarted>
{
    protected override Task ApplyAsync(EffectApplication a, PublicNoticeStarted e, CancellationToken ct)
    {
        var (starts, ends) = (EffectApplication.Date(e.StartsOn), EffectApplication.Date(e.EndsOn));
        a.History("公示开始", $"{e.Level}公示 {starts} 至 {ends}");
        return a.NotifyDistrictAsync(NoticeKinds.PublicNoticeStarted, a.Model(new()
        {
            ["level_name"] = e.Level, ["starts_on"] = starts, ["ends_on"] = ends, ["working_days"] = e.Days,
        }), ct);
    }
}
