namespace GreenTierWorkflows.Domain.Units;

public enum UnitLevel { City, District }

/// <summary>
/// A unit of Huangshan that keeps a cultivation pool (a district/county or the high-tech zone), or the city itself.
/// Names of bureaus change (经信局 → 工信局), so they are data, editable by administrators.
/// </summary>
public sealed class AdministrativeUnit
{
    /// <summary>GB/T 2260 code (341021 for 歙县); the high-tech zone, a functional zone without one, uses an internal code.</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>The competent bureau's current name, e.g. 歙县工信局.</summary>
    public string BureauName { get; set; } = "";
    public UnitLevel Level { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>The units of Huangshan (domain.md §4), used to seed the Units table.</summary>
public static class HuangshanUnits
{
    public const string CityCode = "341000";
    /// <summary>Internal code for 黄山高新区 (a provincial functional zone without a GB/T 2260 code).</summary>
    public const string HighTechZoneCode = "341071";

    public static IReadOnlyList<AdministrativeUnit> Seed { get; } =
    [
        Unit(CityCode, "黄山市", "黄山市工信局", UnitLevel.City, 0),
        Unit("341002", "屯溪区", "屯溪区工信局", UnitLevel.District, 1),
        Unit("341003", "黄山区", "黄山区工信局", UnitLevel.District, 2),
        Unit("341004", "徽州区", "徽州区工信局", UnitLevel.District, 3),
        Unit("341021", "歙县", "歙县工信局", UnitLevel.District, 4),
        Unit("341022", "休宁县", "休宁县工信局", UnitLevel.District, 5),
        Unit("341023", "黟县", "黟县工信局", UnitLevel.District, 6),
        Unit("341024", "祁门县", "祁门县工信局", UnitLevel.District, 7),
        Unit(HighTechZoneCode, "黄山高新区", "黄山高新区经贸局", UnitLevel.District, 8),
    ];

    public static IEnumerable<AdministrativeUnit> Districts => Seed.Where(u => u.Level == UnitLevel.District);

    public static bool IsDistrict(string? code) => code is not null && Districts.Any(d => d.Code == code);

    public static string NameOf(string code) => Seed.FirstOrDefault(u => u.Code == code)?.Name ?? code;

    private static AdministrativeUnit Unit(string code, string name, string bureau, UnitLevel level, int order) =>
        new() { Code = code, Name = name, BureauName = bureau, Level = level, SortOrder = order };
}
