using System.Globalization;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Domain.Windows;
using static GreenTierWorkflows.Application.Readiness.ReadinessState;

namespace GreenTierWorkflows.Application.Readiness;

/// <summary>
/// Judges one pool member against the round's <see cref="ReadinessRules"/> for every configured tier: each criterion with
/// its state and the evidence in Chinese, dates compared with the tier's declaration window. No I/O: the facts and the
/// windows are handed in, the date comes from the <see cref="TimeProvider"/>. It keeps the texts of the rules' certificates
/// it has built, so one instance serves a batch of members on one thread (it is not safe to share between threads).
/// </summary>
public sealed class ReadinessAssessor(TimeProvider clock)
{
    /// <summary>
    /// The member's cells, city → nation, for the tiers the rules configure. What does not depend on the tier's window (the
    /// enterprise's industry, the negative list, the score, the energy use, an earlier rejection, which certificate is held) is
    /// judged once for the member and the same line shown in every cell: a city of 100,000 members is assessed for each export,
    /// plan and rebuild, and judging it three times was most of the assessment's cost.
    /// </summary>
    public IReadOnlyList<TierReadiness> Assess(ReadinessRules rules, MemberFacts facts, IReadOnlyDictionary<Tier, DeclarationWindow> windows)
    {
        var member = new Member(rules, facts, ChinaTime.Today(clock), CertificateTextsOf(rules));
        var tiers = rules.Tiers.OrderBy(t => t.Tier).ToList();
        var cells = new TierReadiness[tiers.Count];
        for (var i = 0; i < cells.Length; i++) cells[i] = AssessTier(member, tiers[i], windows.GetValueOrDefault(tiers[i].Tier));
        return cells;
    }

    /// <summary>One cell: the ladder first, then the tier's criteria in the order the file lists them.</summary>
    private static TierReadiness AssessTier(Member member, TierRule tier, DeclarationWindow? window)
    {
        var context = new Context(member, tier.Tier, window);
        var criteria = new List<CriterionResult>(12);
        if (tier.Prerequisite is { } prerequisite) criteria.Add(Ladder(context, prerequisite));
        foreach (var key in tier.Criteria)
            criteria.AddRange(key switch
            {
                ReadinessCriteria.Certificates => Certificates(context),
                ReadinessCriteria.AnnualReport => AnnualReport(context),
                ReadinessCriteria.Review => Review(context),
                _ => member.Judged(key),
            });

        var standing = member.ActiveListings.Any(l => l.Tier >= tier.Tier) ? TierStanding.Listed
            : criteria.Any(c => c.IsBar) ? TierStanding.NotEligible
            : criteria.Any(c => c.IsGap) ? TierStanding.Gaps
            : TierStanding.Ready;
        return new TierReadiness(tier.Tier, standing, context.Opens, context.Ends, criteria);
    }

    /// <summary>
    /// One member's facts as every cell reads them, with the criteria whose judgement does not depend on the tier (judged on
    /// first use, then shared by the cells).
    /// </summary>
    private sealed class Member(ReadinessRules rules, MemberFacts facts, DateOnly today, IReadOnlyList<CertificateText> certificateTexts)
    {
        private readonly Dictionary<string, IReadOnlyList<CriterionResult>> _judged = new(StringComparer.Ordinal);
        private Certification?[]? _held;

        public ReadinessRules Rules => rules;
        public MemberFacts Facts => facts;
        public DateOnly Today => today;
        public IReadOnlyList<CertificateText> CertificateTexts => certificateTexts;
        public NominationType Type => facts.Member.TargetType;
        public DateOnly LookBackFrom { get; } = today.AddYears(-rules.NegativeListLookBackYears);
        public IReadOnlyList<Listing> ActiveListings { get; } =
            [.. facts.Listings.Where(l => l.Status == ListingStatus.Active && l.Type == facts.Member.TargetType)];

        /// <summary>A criterion the tier does not change, judged once for the member.</summary>
        public IReadOnlyList<CriterionResult> Judged(string key)
        {
            if (_judged.TryGetValue(key, out var judged)) return judged;
            judged = key switch
            {
                ReadinessCriteria.Manufacturing => [.. Manufacturing(this)],
                ReadinessCriteria.NegativeList => [NegativeListCheck(this)],
                ReadinessCriteria.Score => [.. Score(this)],
                ReadinessCriteria.Energy => [.. Energy(this)],
                ReadinessCriteria.History => [.. History(this)],
                _ => [],
            };
            _judged[key] = judged;
            return judged;
        }

        /// <summary>The certificate held for each of the rules' certificates (the latest to expire of the accepted standards), or null.</summary>
        public Certification?[] Held(Enterprise enterprise)
        {
            if (_held is not null) return _held;
            var held = new Certification?[certificateTexts.Count];
            if (enterprise.Certifications.Count > 0)
            {
                var standards = enterprise.Certifications.Select(x => NormalizedStandard(x.Standard)).ToList();
                for (var i = 0; i < held.Length; i++)
                {
                    var accepted = certificateTexts[i].Accepted;
                    for (var j = 0; j < standards.Count; j++)
                        if (accepted.Contains(standards[j]) && (held[i] is null || enterprise.Certifications[j].ExpiresOn > held[i]!.ExpiresOn))
                            held[i] = enterprise.Certifications[j];
                }
            }
            return _held = held;
        }
    }

    /// <summary>A cell's view of the member: its tier and that tier's declaration window.</summary>
    private sealed class Context(Member member, Tier tier, DeclarationWindow? window)
    {
        public Member Member => member;
        public ReadinessRules Rules => member.Rules;
        public MemberFacts Facts => member.Facts;
        public DateOnly Today => member.Today;
        public NominationType Type => member.Type;
        public DeclarationWindow? Window => window;
        public string TierName { get; } = DomainText.Of(tier);
        public DateOnly? Opens { get; } = window is null ? null : ChinaTime.DayOf(window.OpensAt);
        public DateOnly? Ends { get; } = window is null ? null : ChinaTime.DayOf(window.SubmissionEndsAt);
    }

    /// <summary>A certificate rule's key, name, the standards it accepts (normalized) and the line when none is held, built once per rules file.</summary>
    private sealed record CertificateText(string Key, string Name, HashSet<string> Accepted, CriterionResult NoneHeld);

    private readonly Dictionary<ReadinessRules, IReadOnlyList<CertificateText>> _certificateTexts = new(ReferenceEqualityComparer.Instance);

    private IReadOnlyList<CertificateText> CertificateTextsOf(ReadinessRules rules)
    {
        if (_certificateTexts.TryGetValue(rules, out var texts)) return texts;
        texts = [.. rules.Certificates.Select(rule =>
        {
            var key = ReadinessCriteria.Certificate(rule.Standard);
            var name = $"{rule.Standard} {rule.Name}认证";
            var accepted = new HashSet<string>(rule.Equivalents.Prepend(rule.Standard).Select(NormalizedStandard), StringComparer.OrdinalIgnoreCase);
            return new CertificateText(key, name, accepted,
                new(key, name, Missing, $"未登记 {rule.Standard}（{string.Join(" / ", rule.Equivalents.Prepend(rule.Name))}）认证证书。"));
        })];
        _certificateTexts[rules] = texts;
        return texts;
    }

    private static string D(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static CriterionResult Ladder(Context c, Tier prerequisite)
    {
        var name = $"已列入{DomainText.Of(prerequisite)}名单";
        var listed = c.Member.ActiveListings.Where(l => l.Tier >= prerequisite).OrderByDescending(l => l.Tier).FirstOrDefault();
        if (listed is not null)
            return new(ReadinessCriteria.Ladder, name, Met, $"{listed.Year} 年列入{DomainText.Of(listed.Tier)}名单（{D(listed.ListedOn)}）。", Bars: true);
        var pending = c.Facts.Nominations.FirstOrDefault(n => n.Type == c.Type && n.TargetTier == prerequisite
            && n.Status is NominationStatus.InProgress or NominationStatus.Returned);
        var evidence = $"{c.TierName}申报须已列入{DomainText.Of(prerequisite)}名单，「{c.Facts.Member.MemberName}」尚未列入";
        evidence += pending is null ? "。" : $"；{pending.Year} 年{DomainText.Of(prerequisite)}申报正在办理（{pending.Stage}），列入后方可申报。";
        return new(ReadinessCriteria.Ladder, name, Missing, evidence, Bars: true);
    }

    private static IEnumerable<CriterionResult> Manufacturing(Member c)
    {
        if (c.Type != NominationType.GreenFactory || c.Facts.Enterprise is not { } e) yield break;
        yield return e.IneligibilityFor(NominationType.GreenFactory) is { } reason
            ? new(ReadinessCriteria.Manufacturing, "制造业企业", Missing, reason, Bars: true)
            : new(ReadinessCriteria.Manufacturing, "制造业企业", Met, $"所属行业 {e.IndustryCode}（制造业，门类 C）。", Bars: true);
    }

    private static CriterionResult NegativeListCheck(Member c)
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
        var held = c.Member.Held(e);
        for (var i = 0; i < held.Length; i++)
        {
            var (key, name) = (c.Member.CertificateTexts[i].Key, c.Member.CertificateTexts[i].Name);
            if (held[i] is not { } certificate)
            {
                yield return c.Member.CertificateTexts[i].NoneHeld;
                continue;
            }
            var label = $"{certificate.Standard} 证书{(string.IsNullOrWhiteSpace(certificate.CertificateNumber) ? "" : $"（{certificate.CertificateNumber}）")}";
            if (certificate.ExpiresOn < c.Today)
                yield return new(key, name, Missing, $"{label} 已于 {D(certificate.ExpiresOn)} 到期，请督促企业完成再认证。");
            else if (c.Opens is { } opens && certificate.ExpiresOn < opens)
                yield return new(key, name, ExpiresBeforeWindow, $"{label} {D(certificate.ExpiresOn)} 到期，早于{c.TierName}申报窗口开启（{D(opens)}）。");
            else if (c.Ends is { } ends && certificate.ExpiresOn < ends)
                yield return new(key, name, ExpiresBeforeWindow, $"{label} {D(certificate.ExpiresOn)} 到期，早于{c.TierName}申报截止（{D(ends)}）。");
            else if (c.Window is null)
                yield return new(key, name, Unknown, $"{label} 有效期至 {D(certificate.ExpiresOn)}；{c.TierName}申报窗口尚未设置，无法判断是否覆盖申报期。");
            else
                yield return new(key, name, Met, $"{label} 有效期至 {D(certificate.ExpiresOn)}。");
        }
    }

    /// <summary>A standard number compared without spaces, with an ASCII slash and without its year (GB/T 45001-2020 = GB／T45001).</summary>
    private static string NormalizedStandard(string standard) => standard.Replace(" ", "", StringComparison.Ordinal).Replace("／", "/", StringComparison.Ordinal).Split('-')[0];

    private static IEnumerable<CriterionResult> Score(Member c)
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

    private static IEnumerable<CriterionResult> Energy(Member c)
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
        foreach (var listing in c.Member.ActiveListings.OrderBy(l => l.Tier))
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
        foreach (var listing in c.Member.ActiveListings.OrderBy(l => l.Tier))
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

    private static IEnumerable<CriterionResult> History(Member c)
    {
        const string name = "此前申报未通过";
        var rejected = c.Facts.Nominations.Where(n => n.Type == c.Type && n.Status == NominationStatus.Rejected && ChinaTime.DayOf(n.UpdatedAt) >= c.LookBackFrom)
            .OrderByDescending(n => n.UpdatedAt).FirstOrDefault();
        if (rejected is not null)
            yield return new(ReadinessCriteria.History, name, Missing,
                $"{rejected.Year} 年{DomainText.Of(rejected.TargetTier)}申报于 {ChinaTime.Day(rejected.UpdatedAt)} 未通过（{rejected.Stage}），再次申报前请对照评审意见完成整改。");
    }
}
