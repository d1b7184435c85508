namespace GreenTierWorkflows.Domain.Documents;

/// <summary>The documents the app generates; each is a Scriban template <c>templates/documents/{kind}.html.sbn</c>.</summary>
public static class DocumentKinds
{
    /// <summary>申报书 of one nomination.</summary>
    public const string ApplicationForm = "application-form";
    /// <summary>The district's 推荐文件 (covering letter) with its 汇总表, for a year and type.</summary>
    public const string DistrictRecommendation = "district-recommendation";
    /// <summary>The city's 推荐汇总表 to the province with its covering letter, for a year.</summary>
    public const string CityRecommendation = "city-recommendation";
    /// <summary>公示: the city's list, period in working days, contact and objection channel.</summary>
    public const string PublicNotice = "public-notice";
    /// <summary>现场核查记录 of one nomination.</summary>
    public const string VerificationRecord = "verification-record";

    public static readonly IReadOnlyList<string> All = [ApplicationForm, DistrictRecommendation, CityRecommendation, PublicNotice, VerificationRecord];

    /// <summary>Chinese names for lists, file names and history lines.</summary>
    public static string NameOf(string kind) => kind switch
    {
        ApplicationForm => "申报书",
        DistrictRecommendation => "推荐文件及汇总表",
        CityRecommendation => "推荐汇总表",
        PublicNotice => "公示",
        VerificationRecord => "现场核查记录",
        _ => kind,
    };
}

/// <summary>The file formats of generated documents.</summary>
public static class DocumentFormats
{
    public const string Pdf = "pdf";
    public const string Xlsx = "xlsx";
    public const string Html = "html";

    public static string ContentTypeOf(string format) => format switch
    {
        Pdf => "application/pdf",
        Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "text/html; charset=utf-8",
    };
}
