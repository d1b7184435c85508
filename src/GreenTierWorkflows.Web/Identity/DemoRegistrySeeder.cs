using GreenTierWorkflows.Application.Registry;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Pools;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Web.Identity;

/// <summary>
/// Demo mode: two or three manufacturing enterprises per district (valid credit codes), each enrolled in the current
/// year's cultivation pool. Idempotent: an enterprise is added only when its credit code is new, and enrolled only when
/// it has no pool record for the year at all (so an exit made in the demo is kept across restarts).
/// </summary>
public sealed class DemoRegistrySeeder(GreenTierDbContext db, IOptions<DemoOptions> demo, TimeProvider clock, ILogger<DemoRegistrySeeder> logger)
{
    /// <summary>(district code, name, industry code, sequence of the organisation code, pool target, postal code).</summary>
    public static readonly (string District, string Name, string Industry, int Sequence, NominationType Target, string Postal)[] Enterprises =
    [
        ("341002", "黄山市屯溪区新安茶业有限公司", "C1530", 1, NominationType.GreenFactory, "245000"),
        ("341002", "黄山市屯溪徽韵漆器有限公司", "C2433", 2, NominationType.GreenFactory, "245000"),
        ("341002", "黄山市屯溪精工汽车零部件有限公司", "C3670", 3, NominationType.GreenFactory, "245000"),
        ("341003", "黄山区太平猴魁茶业有限公司", "C1530", 4, NominationType.GreenFactory, "245700"),
        ("341003", "黄山市黄山区松谷竹木制品有限公司", "C2041", 5, NominationType.GreenFactory, "245700"),
        ("341004", "黄山市徽州区岩寺电子元件有限公司", "C3981", 6, NominationType.GreenFactory, "245900"),
        ("341004", "黄山市徽州区丰乐化工有限公司", "C2614", 7, NominationType.GreenFactory, "245900"),
        ("341021", "歙县徽墨制造有限公司", "C2414", 8, NominationType.GreenFactory, "245200"),
        ("341021", "歙县龙尾砚工艺品有限公司", "C2431", 9, NominationType.GreenFactory, "245200"),
        ("341021", "歙县三阳茶业有限公司", "C1530", 10, NominationType.GreenFactory, "245200"),
        ("341022", "休宁县松萝茶业有限公司", "C1530", 11, NominationType.GreenFactory, "245400"),
        ("341022", "休宁县海阳塑胶制品有限公司", "C2922", 12, NominationType.GreenFactory, "245400"),
        ("341023", "黟县宏村竹木工艺有限公司", "C2041", 13, NominationType.GreenFactory, "245500"),
        ("341023", "黟县碧山手工纸业有限公司", "C2223", 14, NominationType.GreenFactory, "245500"),
        ("341024", "祁门县祁红茶业有限公司", "C1530", 15, NominationType.GreenFactory, "245600"),
        ("341024", "祁门县新安医药化工有限公司", "C2710", 16, NominationType.GreenFactory, "245600"),
        (HuangshanUnits.HighTechZoneCode, "黄山高新区绿能电子电路有限公司", "C3982", 17, NominationType.GreenFactory, "245000"),
        (HuangshanUnits.HighTechZoneCode, "黄山高新区华徽新材料有限公司", "C2651", 18, NominationType.GreenFactory, "245000"),
        (HuangshanUnits.HighTechZoneCode, "黄山高新区精诚汽车零部件有限公司", "C3670", 19, NominationType.GreenSupplyChain, "245000"),
    ];

    /// <summary>
    /// A valid unified social credit code: 91 (enterprise), the region (the city code for the high-tech zone), an
    /// organisation code MA2… with its GB 11714 check character, and the mod-31 check character.
    /// </summary>
    public static string DemoCreditCode(string district, int sequence)
    {
        var region = district == HuangshanUnits.HighTechZoneCode ? HuangshanUnits.CityCode : district;
        var organisation = $"MA2{sequence:D5}";
        var first17 = "91" + region + organisation + CreditCode.OrganisationCheckCharacter(organisation);
        return first17 + CreditCode.CheckCharacter(first17);
    }

    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (!demo.Value.Enabled) return;
        var now = clock.GetUtcNow();
        var year = ChinaTime.CurrentYear(clock);
        var codes = Enterprises.Select(e => DemoCreditCode(e.District, e.Sequence)).ToList();
        var existing = await db.Enterprises.Where(e => codes.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, ct);
        var existingIds = existing.Values.Select(e => e.Id).ToList();
        var enrolled = (await db.PoolMemberships.Where(m => m.Year == year && m.EnterpriseId != null && existingIds.Contains(m.EnterpriseId))
            .Select(m => m.EnterpriseId!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

        int added = 0, enrolledNow = 0;
        for (var i = 0; i < Enterprises.Length; i++)
        {
            var (district, name, industry, sequence, target, postal) = Enterprises[i];
            var unit = HuangshanUnits.NameOf(district);
            if (!existing.TryGetValue(codes[i], out var enterprise))
            {
                enterprise = new Enterprise
                {
                    Id = RegistryRules.NewId(),
                    CreditCode = codes[i],
                    Name = name,
                    DistrictCode = district,
                    Address = $"安徽省黄山市{unit}",
                    PostalCode = postal,
                    RegistrationAuthority = district == HuangshanUnits.HighTechZoneCode ? "黄山市市场监督管理局" : $"{unit}市场监督管理局",
                    EstablishedOn = new DateOnly(2005 + sequence % 15, 1 + sequence % 12, 1 + sequence % 28),
                    RegisteredCapital = 500m + sequence * 250m,
                    IndustryCode = industry,
                    Ownership = Ownership.民营,
                    ContactName = "王经理",
                    ContactPhone = $"1390559{sequence:D4}",
                    AnnualEnergyTce = 800m + sequence * 120m,
                    CreatedAt = now,
                };
                db.Enterprises.Add(enterprise);
                added++;
            }
            if (enrolled.Contains(enterprise.Id)) continue;
            db.PoolMemberships.Add(new PoolMembership
            {
                Id = RegistryRules.NewId(),
                DistrictCode = district,
                Year = year,
                EnterpriseId = enterprise.Id,
                MemberName = enterprise.Name,
                TargetType = target,
                GuidanceNotes = target == NominationType.GreenFactory
                    ? "对照《绿色工厂评价通则》开展自评价，重点补齐能源计量器具配备和固废综合利用台账。"
                    : "梳理上游供应商绿色评价制度，建立绿色采购清单。",
                EnrolledAt = now,
                EnrolledBy = "demo",
            });
            enrolledNow++;
        }
        if (added + enrolledNow == 0) return;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Demo mode: {Added} enterprises registered, {Enrolled} enrolled in the {Year} pool.", added, enrolledNow, year);
    }
}
