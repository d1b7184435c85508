using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Application.Nominations;

/// <summary>Checks <see cref="NominationOptions"/> on start, so a wrong setting stops the host with its Chinese reason.</summary>
public sealed class NominationOptionsValidator : IValidateOptions<NominationOptions>
{
    public ValidateOptionsResult Validate(string? name, NominationOptions options)
    {
        const string s = NominationOptions.Section;
        var problems = new List<string>();
        if (!Uri.TryCreate(options.AppUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            problems.Add($"{s}:AppUrl「{options.AppUrl}」不是有效的 http(s) 地址（通知中的链接以它开头）。");
        if (options.MaxMaterialBytes <= 0)
            problems.Add($"{s}:MaxMaterialBytes 必须大于 0（单个材料文件的大小上限，字节）。");
        if (options.DefaultProvincialQuota < 0)
            problems.Add($"{s}:DefaultProvincialQuota 不能为负数。");
        foreach (var (year, quota) in options.ProvincialQuota)
        {
            if (!int.TryParse(year, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
                problems.Add($"{s}:ProvincialQuota 的键「{year}」应为年度（如 2025）。");
            else if (quota < 0)
                problems.Add($"{s}:ProvincialQuota:{year} 不能为负数。");
        }
        if (options.OverdueGraceDays < 0)
            problems.Add($"{s}:OverdueGraceDays 不能为负数。");
        if (options.EffectRetrySeconds <= 0)
            problems.Add($"{s}:EffectRetrySeconds 必须大于 0（补做工作流效果的间隔，秒）。");
        return problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
