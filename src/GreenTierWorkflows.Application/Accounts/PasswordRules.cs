using Microsoft.AspNetCore.Identity;

namespace GreenTierWorkflows.Application.Accounts;

/// <summary>The password policy in one Chinese sentence, written from Identity's options (shown beside password fields).</summary>
public static class PasswordRules
{
    public static string Describe(PasswordOptions o)
    {
        var kinds = new List<string>();
        if (o.RequireUppercase) kinds.Add("大写字母");
        if (o.RequireLowercase) kinds.Add("小写字母");
        if (o.RequireDigit) kinds.Add("数字");
        if (o.RequireNonAlphanumeric) kinds.Add("符号（如 # ! @）");
        return kinds.Count switch
        {
            0 => $"至少 {o.RequiredLength} 位。",
            1 => $"至少 {o.RequiredLength} 位，须包含{kinds[0]}。",
            _ => $"至少 {o.RequiredLength} 位，须同时包含{string.Join("、", kinds[..^1])}和{kinds[^1]}。",
        };
    }
}
