using System.Globalization;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Windows;
using static GreenTierWorkflows.Application.Readiness.ReadinessState;

namespace GreenTierWorkflows.Application.Readiness;

/// <summary>
/// Judges one pool member against the round's <see cref="ReadinessRules"/> for every configured tier: each criterion with
/// its state and the evidence in Chinese, dates compared with the tier's declaration window. No I/O: the facts and the
/// windows are handed in, the date comes from the <see cref="TimeProvider"/>.
/// </summary>
public sealed class ReadinessAssessor(TimeProvider clock)
{
    /// <summary>The member's cells, city → nation, for the tiers the rules configure.</summary>
    public IReadOnlyList<TierReadiness> Assess(ReadinessRules rules, MemberFacts facts, IReadOnlyDictionary<Tier, DeclarationWindow> windows) =>
        [.. rules.Tiers.OrderBy(t => t.Tier).Select(t => AssessTier(rules, t, facts, windows.GetValueOrDefault(t.Tier)))];

    /// <summary>One cell: the ladder first, then the tier's criteria in the order the file lists them.</summary>
    public TierReadiness AssessTier(ReadinessRules rules, TierRule tier, MemberFacts facts, DeclarationWindow? window)
    {
        var today = ChinaTime.Today(clock);
        var context = new Context(rules, tier.Tier, facts, window, today);
        var criteria = new List<CriterionResult>();
        if (tier.Prerequisite is { } prerequisite) criteria.Add(Ladder(context, prerequisite));
        foreach (var key in tier.Criteria)
            criteria.AddRange(key switch
            {
                ReadinessCriteria.Manufacturing => Manufacturing(context),
                ReadinessCriteria.NegativeList => [NegativeListCheck(context)],
                ReadinessCriteria.Certificates => Certificates(context),
                ReadinessCriteria.Score => Score(context),
                ReadinessCriteria.Energy => Energy(context),
                ReadinessCriteria.AnnualReport => AnnualReport(context),
                ReadinessCriteria.Review => Review(context),
                ReadinessCriteria.History => History(context),
                _ => [],
            });

        var standing = ActiveListings(facts).Any(l => l.Tier >= tier.Tier) ? TierStanding.Listed
            : criteria.Any(c => c.IsBar) ? TierStanding.NotEligible
            : criteria.Any(c => c.IsGap) ? TierStanding.Gaps
            : TierStanding.Ready;
        return new TierReadiness(tier.Tier, standing, window is null ? null : ChinaTime.DayOf(window.OpensAt),
            window is null ? null : ChinaTime.DayOf(window.SubmissionEndsAt), criteria);
    }

    private sealed record Context(ReadinessRules Rules, Tier Tier, MemberFacts Facts, DeclarationWindow? Window, DateOnly Today)
    {
        public string TierName => DomainText.Of(Tier);
        public DateOnly? Opens => Window is null ? null : ChinaTime.DayOf(Window.OpensAt);
        public DateOnly? Ends => Window is null ? null : ChinaTime.DayOf(Window.SubmissionEndsAt);
        public DateOnly LookBackFrom => Today.AddYears(-Rules.NegativeListLookBackYears);
        public NominationType Type => Facts.Member.TargetType;
    }

    private static IEnumerable<Listing> ActiveListings(MemberFacts facts) =>
        facts.Listings.Where(l => l.Status == ListingStatus.Active && l.Type == facts.Member.TargetType);

    private static string D(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static CriterionResult Ladder(Context c, Tier prerequisite)
    {
        var name = $"已列入{DomainText.Of(prerequisite)}名单";
        var listed = ActiveListings(c.Facts).Where(l => l.Tier >= prerequisite).OrderByDescending(l => l.Tier).FirstOrDefault();
        if (listed is not null)
            return new(ReadinessCriteria.Ladder, name, Met, $"{listed.Year} 年列入{DomainText.Of(listed.Tier)}名单（{D(listed.ListedOn)}）。", Bars: true);
        var pending = c.Facts.Nominations.FirstOrDefault(n => n.Type == c.Type && n.TargetTier == prerequisite
            && n.Status is NominationStatus.InProgress or NominationStatus.Returned);
        var evidence = $"{c.TierName}申报须已列入{DomainText.Of(prerequisite)}名单，「{c.Facts.Member.MemberName}」尚未列入";
        evidence += pending is null ? "。" : $"；{pending.Year} 年{DomainText.Of(prerequisite)}申报正在办理（{pending.Stage}），列入后方可申报。";
        return new(ReadinessCriteria.Ladder, name, Missing, evidence, Bars: true);
    }

    private static IEnumerable<CriterionResult> Manufacturing(Context c)
    {
        if (c.Type != NominationType.GreenFactory || c.Facts.Enterprise is not { } e) yield break;
        yield return e.IneligibilityFor(NominationType.GreenFactory) is { } reason
            ? new(ReadinessCriteria.Manufacturing, "制造业企业", Missing, reason, Bars: true)
            : new(ReadinessCriteria.Manufacturing, "制造业企业", Met, $"所属行业 {e.IndustryCode}（制造业，门类 C）。", Bars: true);
    }

    private static CriterionResult NegativeListCheck(Context c)
    {
        const string name = "负面清单（近 3 年）";
        var years = c.Rules.NegativeListLookBackYears;
        var removed = c.Facts.Listings.Where(l => l.Status == ListingStatus.Revoked && l.RevokedAt is { } at && ChinaTime.DayOf(at) >= c.LookBackFrom)
            .OrderByDescending(l => l.RevokedAt).FirstOrDefault();
        if (removed is not null)
            return new(ReadinessCriteria.NegativeList, name, Missing,
                $"{ChinaTime.Day(removed.RevokedAt!.Value)} 被移出{DomainText.Of(removed.Tier)}名单（负面清单第 3 项「{NegativeList.Items[2]}」），{years} 年内不得申报。", Bars: true);
        var declared = c.Facts.Nominations.Where(n => n.NegativeList.Count > 0 && ChinaTime.DayOf(n.CreatedAt) >= c.LookBackFrom)
            .OrderByDescending(n => n.CreatedAt).FirstOrDefault();
        if (declared is null)
            return new(ReadinessCriteria.NegativeList, name, Unknown, $"近 {years} 年无负面清单自查记录，请组织企业对照六项逐项自查并取得信用报告。", Bars: true);
        var hit = declared.NegativeList.Where(d => !d.Clear).OrderBy(d => d.Item).FirstOrDefault();
        if (hit is not null)
        {
            var item = hit.Item is >= 1 and <= 6 ? NegativeList.Items[hit.Item - 1] : $"第 {hit.Item} 项";
            return new(ReadinessCriteria.NegativeList, name, Missing,
                $"{ChinaTime.Day(declared.CreatedAt)} 自查涉及负面清单第 {hit.Item} 项「{item}」{(string.IsNullOrWhiteSpace(hit.Evidence) ? "" : $"（{hit.Evidence.Trim()}）")}，{years} 年内不得申报。", Bars: true);
        }
        var missingItems = Enumerable.Range(1, NegativeList.Items.Count).Where(i => declared.NegativeList.All(d => d.Item != i)).ToList();
        return missingItems.Count > 0
            ? new(ReadinessCriteria.NegativeList, name, Unknown, $"{ChinaTime.Day(declared.CreatedAt)} 自查未覆盖第 {string.Join("、", missingItems)} 项，请补充自查。", Bars: true)
            : new(ReadinessCriteria.NegativeList, name, Met, $"{ChinaTime.Day(declared.CreatedAt)} 申报时自查六项均无（{declared.Year} 年{DomainText.Of(declared.TargetTier)}申报）。", Bars: true);
    }

    private static IEnumerable<CriterionResult> Certificates(Context c)
    {
        if (c.Facts.Enterprise is not { } e) yield break;
        foreach (var rule in c.Rules.Certificates)
        {
            var key = ReadinessCriteria.Certificate(rule.Standard);
            var name = $"{rule.Standard} {rule.Name}认证";
            var accepted = rule.Equivalents.Prepend(rule.Standard).ToList();
            var held = e.Certifications.Where(x => accepted.Any(a => Same(a, x.Standard))).OrderByDescending(x => x.ExpiresOn).FirstOrDefault();
            if (held is null)
            {
                yield return new(key, name, Missing, $"未登记 {rule.Standard}（{string.Join(" / ", rule.Equivalents.Prepend(rule.Name))}）认证证书。");
                continue;
            }
            var label = $"{held.Standard} 证书{(string.IsNullOrWhiteSpace(held.CertificateNumber) ? "" : $"（{held.CertificateNumber}）")}";
            if (held.ExpiresOn < c.Today)
                yield return new(key, name, Missing, $"{label} 已于 {D(held.ExpiresOn)} 到期，请督促企业完成再认证。");
            else if (c.Opens is { } opens && held.ExpiresOn < opens)
                yield return new(key, name, ExpiresBeforeWindow, $"{label} {D(held.ExpiresOn)} 到期，早于{c.TierName}申报窗口开启（{D(opens)}）。");
            else if (c.Ends is { } ends && held.ExpiresOn < ends)
                yield return new(key, name, ExpiresBeforeWindow, $"{label} {D(held.ExpiresOn)} 到期，早于{c.TierName}申报截止（{D(ends)}）。");
            else if (c.Window is null)
                yield return new(key, name, Unknown, $"{label} 有效期至 {D(held.ExpiresOn)}；{c.TierName}申报窗口尚未设置，无法判断是否覆盖申报期。");
            else
                yield return new(key, name, Met, $"{label} 有效期至 {D(held.ExpiresOn)}。");
        }
    }

    private static bool Same(string a, string b) =>
        string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string standard) => standard.Replace(" ", "", StringComparison.Ordinal).Replace("／", "/", StringComparison.Ordinal).Split('-')[0];

    private static IEnumerable<CriterionResult> Score(Context c)
    {
        const string name = "评价得分";
        var scored = c.Facts.Nominations.Where(n => n.Type == c.Type && n.Score is not null).OrderByDescending(n => n.CreatedAt).FirstOrDefault();
        var current = c.Rules.Standards.Where(s => s.Accepted).Select(s => s.Version).ToList();
        if (scored is null)
        {
            yield return new(ReadinessCriteria.Score, name, Unknown, $"尚无评价得分，请按 {string.Join(" 或 ", current)} 完成自评价或第三方评价。");
            yield break;
        }
        var standard = c.Rules.Standards.FirstOrDefault(s => string.Equals(s.Version.Trim(), scored.StandardVersion.Trim(), StringComparison.OrdinalIgnoreCase));
        var score = scored.Score!.Value.ToString("0.##", CultureInfo.InvariantCulture);
        if (standard is null)
            yield return new(ReadinessCriteria.Score, name, Unknown, $"{scored.Year} 年按 {scored.StandardVersion} 评价得 {score} 分；规则未配置该标准版本的门槛。");
        else if (!standard.Accepted)
            yield return new(ReadinessCriteria.Score, name, Missing, $"{scored.Year} 年按 {standard.Version} 评价得 {score} 分；{c.Rules.Year} 年度须按 {string.Join(" 或 ", current)} 重新评价。");
        else if (scored.Score < standard.MinimumScore)
            yield return new(ReadinessCriteria.Score, name, Missing, $"{scored.Year} 年按 {standard.Version} 评价得 {score} 分，低于门槛 {standard.MinimumScore:0.##} 分。");
        else
            yield return new(ReadinessCriteria.Score, name, Met, $"{scored.Year} 年按 {standard.Version} 评价得 {score} 分（门槛 {standard.MinimumScore:0.##} 分）。");
    }

    private static IEnumerable<CriterionResult> Energy(Context c)
    {
        if (c.Facts.Enterprise is not { } e) yield break;
        var benchmark = c.Rules.EnergyBenchmarks.Where(b => e.IndustryCode.StartsWith(b.Industry, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(b => b.Industry.Length).FirstOrDefault();
        if (benchmark is null) yield break; // the bureau entered no benchmark for this industry
        const string name = "单位产品能耗";
        var limit = $"{benchmark.Industry} {benchmark.Name}基准值 {benchmark.UnitProductEnergyMax:0.####} {benchmark.Unit}";
        if (e.UnitProductEnergy is not { } value)
            yield return new(ReadinessCriteria.Energy, name, Unknown, $"企业未填报单位产品能耗，无法对照{limit}。");
        else if (value > benchmark.UnitProductEnergyMax)
            yield return new(ReadinessCriteria.Energy, name, Missing, $"单位产品能耗 {value:0.####} {benchmark.Unit}，高于{limit}。");
        else
            yield return new(ReadinessCriteria.Energy, name, Met, $"单位产品能耗 {value:0.####} {benchmark.Unit}，不高于{limit}。");
    }

    private static IEnumerable<CriterionResult> AnnualReport(Context c)
    {
        const string name = "动态管理表";
        var due = DateOnly.ParseExact($"{c.Today.Year}-{c.Rules.AnnualReportDue}", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var listing in ActiveListings(c.Facts).OrderBy(l => l.Tier))
        {
            var list = $"{DomainText.Of(listing.Tier)}名单";
            // The year whose table is overdue now, and the next one falling due before the window opens.
            var owedYear = c.Today >= due ? c.Today.Year : c.Today.Year - 1;
            var filed = listing.LastAnnualReportYear ?? listing.Year;
            if (owedYear > listing.Year && filed < owedYear)
            {
                yield return new(ReadinessCriteria.AnnualReport, name, Missing, $"{list}单位 {owedYear} 年动态管理表应于 {owedYear}-{c.Rules.AnnualReportDue} 前填报，尚未填报。");
                yield break;
            }
            var nextDue = DateOnly.ParseExact($"{owedYear + 1}-{c.Rules.AnnualReportDue}", "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (c.Opens is { } opens && nextDue < opens && filed < owedYear + 1)
            {
                yield return new(ReadinessCriteria.AnnualReport, name, ExpiresBeforeWindow, $"{list}单位 {owedYear + 1} 年动态管理表须于 {D(nextDue)} 前填报，早于{c.TierName}申报窗口开启（{D(opens)}）。");
                yield break;
            }
            yield return new(ReadinessCriteria.AnnualReport, name, Met, $"{list}单位，已填报 {filed} 年动态管理表。");
            yield break;
        }
    }

    private static IEnumerable<CriterionResult> Review(Context c)
    {
        const string name = "复审";
        foreach (var listing in ActiveListings(c.Facts).OrderBy(l => l.Tier))
        {
            var since = listing.LastReviewOn ?? listing.ListedOn;
            var due = since.AddYears(c.Rules.ReviewIntervalYears);
            var list = $"{DomainText.Of(listing.Tier)}名单";
            var basis = listing.LastReviewOn is null ? $"{D(listing.ListedOn)} 列入{list}" : $"{D(since)} 通过复审";
            if (due < c.Today)
                yield return new(ReadinessCriteria.Review, name, Missing, $"{basis}，复审已于 {D(due)} 到期，尚未完成。");
            else if (c.Ends is { } ends && due <= ends)
                yield return new(ReadinessCriteria.Review, name, ExpiresBeforeWindow,
                    $"{basis}，复审于 {D(due)} 到期，早于{c.TierName}申报{(c.Opens is { } o && due < o ? $"窗口开启（{D(o)}）" : $"截止（{D(ends)}）")}。");
            else
                yield return new(ReadinessCriteria.Review, name, Met, $"{basis}，复审于 {D(due)} 到期。");
        }
    }

    private static IEnumerable<CriterionResult> History(Context c)
    {
        const string name = "此前申报未通过";
        var rejected = c.Facts.Nominations.Where(n => n.Type == c.Type && n.Status == NominationStatus.Rejected && ChinaTime.DayOf(n.UpdatedAt) >= c.LookBackFrom)
            .OrderByDescending(n => n.UpdatedAt).FirstOrDefault();
        if (rejected is not null)
            yield return new(ReadinessCriteria.History, name, Missing,
                $"{rejected.Year} 年{DomainText.Of(rejected.TargetTier)}申报于 {ChinaTime.Day(rejected.UpdatedAt)} 未通过（{rejected.Stage}），再次申报前请对照评审意见完成整改。");
    }
}
