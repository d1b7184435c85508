namespace GreenTierWorkflows.Domain.Registry;

/// <summary>Names of the manufacturing divisions (门类 C, 大类 13–43) of GB/T 4754-2017, for 所属行业 in documents.</summary>
public static class IndustryNames
{
    private static readonly Dictionary<string, string> Divisions = new(StringComparer.Ordinal)
    {
        ["13"] = "农副食品加工业", ["14"] = "食品制造业", ["15"] = "酒、饮料和精制茶制造业", ["16"] = "烟草制品业", ["17"] = "纺织业",
        ["18"] = "纺织服装、服饰业", ["19"] = "皮革、毛皮、羽毛及其制品和制鞋业", ["20"] = "木材加工和木、竹、藤、棕、草制品业",
        ["21"] = "家具制造业", ["22"] = "造纸和纸制品业", ["23"] = "印刷和记录媒介复制业", ["24"] = "文教、工美、体育和娱乐用品制造业",
        ["25"] = "石油、煤炭及其他燃料加工业", ["26"] = "化学原料和化学制品制造业", ["27"] = "医药制造业", ["28"] = "化学纤维制造业",
        ["29"] = "橡胶和塑料制品业", ["30"] = "非金属矿物制品业", ["31"] = "黑色金属冶炼和压延加工业", ["32"] = "有色金属冶炼和压延加工业",
        ["33"] = "金属制品业", ["34"] = "通用设备制造业", ["35"] = "专用设备制造业", ["36"] = "汽车制造业",
        ["37"] = "铁路、船舶、航空航天和其他运输设备制造业", ["38"] = "电气机械和器材制造业", ["39"] = "计算机、通信和其他电子设备制造业",
        ["40"] = "仪器仪表制造业", ["41"] = "其他制造业", ["42"] = "废弃资源综合利用业", ["43"] = "金属制品、机械和设备修理业",
    };

    /// <summary>"C3011" → "非金属矿物制品业（C3011）"; a code outside the table is returned as it is.</summary>
    public static string Describe(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return "";
        return code.Length >= 3 && code[0] == 'C' && Divisions.TryGetValue(code.Substring(1, 2), out var name) ? $"{name}（{code}）" : code;
    }
}
