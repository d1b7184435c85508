using Microsoft.AspNetCore.Identity;

namespace GreenTierWorkflows.Infrastructure.Identity;

/// <summary>
/// Identity's messages (password rules, user names) in Chinese, as officials read them on the account pages. The password
/// rules are phrases ("密码须包含数字"): the account use cases (Application/Accounts) join the broken ones into one sentence.
/// </summary>
public sealed class ChineseIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "操作未成功，请重试。");
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "账号已被他人修改，请刷新后重试。");
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "当前密码不正确。");
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "操作已失效，请重试。");
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "用户名只能包含英文字母、数字和 - . _ @ +。");
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), $"用户名 {userName} 已被使用。");
    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "该账号已设置密码。");
    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "该账号未启用锁定。");
    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), "该账号已是此角色。");
    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), "该账号不是此角色。");
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"密码至少 {length} 位");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), $"密码至少包含 {uniqueChars} 个不同的字符");
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "密码须包含符号（如 # ! @）");
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "密码须包含数字");
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "密码须包含小写字母");
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "密码须包含大写字母");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
