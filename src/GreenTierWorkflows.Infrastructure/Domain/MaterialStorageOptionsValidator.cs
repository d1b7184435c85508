using GreenTierWorkflows.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Infrastructure.Domain;

/// <summary>Checks <see cref="MaterialStorageOptions"/> on start, so a wrong setting stops the host with its Chinese reason.</summary>
public sealed class MaterialStorageOptionsValidator(AppDatabase database) : IValidateOptions<MaterialStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, MaterialStorageOptions options)
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(options.MaterialStorage))
            problems.Add($"{MaterialStorageOptions.Section}:MaterialStorage 只能是 Auto、Files 或 Database。");
        if (options.StorageFor(database) == MaterialStorage.Files && string.IsNullOrWhiteSpace(options.MaterialsDirectory))
            problems.Add($"{MaterialStorageOptions.Section}:MaterialsDirectory 不能为空：材料以文件保存时需要存放目录。");
        if (options.MaterialSweepGraceMinutes < 0)
            problems.Add($"{MaterialStorageOptions.Section}:MaterialSweepGraceMinutes 不能为负数。");
        if (options.MaterialSweepIntervalMinutes < 0)
            problems.Add($"{MaterialStorageOptions.Section}:MaterialSweepIntervalMinutes 不能为负数（0 表示关闭定期清理）。");
        return problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
