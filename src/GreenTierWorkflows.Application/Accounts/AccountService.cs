using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Infrastructure.Audit;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Application.Accounts;

/// <summary>
/// 账号管理: the rules for officials' accounts in one place, used by the administrators' page, <c>/api/accounts</c>, the
/// password page and the first-administrator set-up. One role per account; a district official belongs to one district,
/// city-wide roles to none. Disabling sets the lockout end far in the future and renews the security stamp, so existing
/// cookies and bearer tokens stop working; the last active administrator can be neither disabled nor demoted. Every
/// change is one transaction (a refused request changes nothing) and is audited with the account's user name as target.
/// </summary>
public sealed partial class AccountService(UserManager<AppUser> users, GreenTierDbContext db, IAuditLog audit, TimeProvider clock)
{
    /// <summary>User claim with the time of the last change by an administrator (ISO 8601).</summary>
    public const string ChangedAtClaim = "gtw:account_changed_at";
    /// <summary>User claim naming who made the last change.</summary>
    public const string ChangedByClaim = "gtw:account_changed_by";
    /// <summary>The actor named for changes the system makes itself (demo accounts disabled at start-up).</summary>
    public const string SystemActor = "系统";

    // Checking "is another administrator still active" and changing an administrator must not interleave on this node.
    private static readonly SemaphoreSlim AdminChanges = new(1, 1);

    /// <summary>Every account, by role and user name (administrators only).</summary>
    public async Task<DomainResult<IReadOnlyList<AccountView>>> ListAsync(Official actor, CancellationToken ct = default)
    {
        if (Refuse(actor) is { } refused) return refused;
        var all = await db.Users.AsNoTracking().ToListAsync(ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(ct);
        var claims = await db.UserClaims.AsNoTracking().Where(c => c.ClaimType == ChangedAtClaim || c.ClaimType == ChangedByClaim)
            .Select(c => new { c.UserId, c.ClaimType, c.ClaimValue }).ToListAsync(ct);
        var roleOf = roles.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.Select(r => r.Name).FirstOrDefault());
        var claimsOf = claims.GroupBy(c => c.UserId).ToDictionary(g => g.Key, g => g.Select(c => new Claim(c.ClaimType!, c.ClaimValue ?? "")).ToList());
        IReadOnlyList<AccountView> views = all
            .Select(u => View(u, roleOf.GetValueOrDefault(u.Id), claimsOf.GetValueOrDefault(u.Id) ?? []))
            .OrderBy(v => v.Role is null ? Roles.All.Length : Array.IndexOf(Roles.All, v.Role)).ThenBy(v => v.Jurisdiction).ThenBy(v => v.UserName, StringComparer.Ordinal)
            .ToList();
        return DomainResult<IReadOnlyList<AccountView>>.Success(views);
    }

    /// <summary>One account (administrators only).</summary>
    public async Task<DomainResult<AccountView>> GetAsync(Official actor, string userName, CancellationToken ct = default)
    {
        if (Refuse(actor) is { } refused) return refused;
        return await users.FindByNameAsync(userName) is { } user ? DomainResult<AccountView>.Success(await ViewAsync(user)) : DomainError.NotFound("账号");
    }

    /// <summary>Creates an account with its role, jurisdiction and initial password.</summary>
    public async Task<DomainResult<AccountView>> CreateAsync(Official actor, AccountInput input, CancellationToken ct = default)
    {
        if (Refuse(actor) is { } refused) return refused;
        return await CreateCoreAsync(input, Actor(actor), ct);
    }

    /// <summary>
    /// Creates an administrator without a signed-in actor (first administrator from configuration or the command line);
    /// the same user name and password rules apply.
    /// </summary>
    public Task<DomainResult<AccountView>> CreateAdministratorAsync(string? userName, string? password, string? displayName, string origin, CancellationToken ct = default) =>
        CreateCoreAsync(new AccountInput(userName, string.IsNullOrWhiteSpace(displayName) ? "系统管理员" : displayName, Roles.Admin, null, password),
            new AuditActor(null, origin), ct);

    /// <summary>True when at least one administrator account may sign in.</summary>
    public async Task<bool> HasActiveAdministratorAsync(CancellationToken ct = default) => await ActiveAdministratorCountAsync(ct) > 0;

    /// <summary>Changes display name, role and jurisdiction; a changed role or jurisdiction ends the account's sessions (its sign-in claims are outdated).</summary>
    public async Task<DomainResult<AccountView>> ChangeAsync(Official actor, string userName, AccountChange change, CancellationToken ct = default)
    {
        if (Refuse(actor) is { } refused) return refused;
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var displayName = CheckDisplayName(change.DisplayName, errors);
        var (role, jurisdiction) = CheckRole(change.Role, change.Jurisdiction, errors);
        if (errors.Count > 0) return Invalid(errors);

        await AdminChanges.WaitAsync(ct);
        try
        {
            var user = await users.FindByNameAsync(userName);
            if (user is null) return DomainError.NotFound("账号");
            var currentRoles = await users.GetRolesAsync(user);
            var oldRole = currentRoles.FirstOrDefault();
            var roleChanged = currentRoles.Count != 1 || oldRole != role;
            var jurisdictionChanged = user.Jurisdiction != jurisdiction;
            if (!roleChanged && !jurisdictionChanged && user.DisplayName == displayName) return DomainResult<AccountView>.Success(await ViewAsync(user));
            if (roleChanged && currentRoles.Contains(Roles.Admin) && AccountStates.Of(user, clock.GetUtcNow()) != AccountState.Disabled
                && await ActiveAdministratorCountAsync(ct) <= 1)
                return DomainError.Conflict("这是最后一个在用的系统管理员账号，不能改为其他角色。请先为另一名管理员创建或启用账号。");

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var details = new List<string>();
            if (user.DisplayName != displayName) details.Add($"名称 {user.DisplayName} → {displayName}");
            if (jurisdictionChanged) details.Add($"所属 {UnitName(user.Jurisdiction)} → {UnitName(jurisdiction)}");
            if (roleChanged) details.Add($"角色 {RoleName(oldRole)} → {RoleName(role)}");
            user.DisplayName = displayName;
            user.Jurisdiction = jurisdiction;
            if (Failed(await users.UpdateAsync(user), "displayName") is { } e1) return e1;
            if (roleChanged)
            {
                if (currentRoles.Count > 0 && Failed(await users.RemoveFromRolesAsync(user, currentRoles), "role") is { } e2) return e2;
                if (Failed(await users.AddToRoleAsync(user, role!), "role") is { } e3) return e3;
            }
            if (roleChanged || jurisdictionChanged) await users.UpdateSecurityStampAsync(user);
            await MarkChangedAsync(user, actor.UserName);
            await tx.CommitAsync(ct);
            await RecordAsync(AuditActions.AccountChanged, user, Actor(actor), string.Join("；", details), ct);
            return DomainResult<AccountView>.Success(await ViewAsync(user));
        }
        finally
        {
            AdminChanges.Release();
        }
    }

    /// <summary>Disables an account: it cannot sign in and its cookies and tokens stop working.</summary>
    public async Task<DomainResult<AccountView>> DisableAsync(Official actor, string userName, CancellationToken ct = default)
    {
        if (Refuse(actor) is { } refused) return refused;
        await AdminChanges.WaitAsync(ct);
        try
        {
            var user = await users.FindByNameAsync(userName);
            if (user is null) return DomainError.NotFound("账号");
            if (user.Id == actor.UserId) return DomainError.Conflict("不能停用自己正在使用的账号。");
            if (AccountStates.IsDisabled(user.LockoutEnd)) return DomainResult<AccountView>.Success(await ViewAsync(user));
            if (await users.IsInRoleAsync(user, Roles.Admin) && await ActiveAdministratorCountAsync(ct) <= 1)
                return DomainError.Conflict("这是最后一个在用的系统管理员账号，不能停用。");

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await DisableCoreAsync(user);
            await MarkChangedAsync(user, actor.UserName);
            await tx.CommitAsync(ct);
            await RecordAsync(AuditActions.AccountDisabled, user, Actor(actor), null, ct);
            return DomainResult<AccountView>.Success(await ViewAsync(user));
        }
        finally
        {
            AdminChanges.Release();
        }
    }

    /// <summary>
    /// Disables an account on the system's behalf (demo accounts outside demo mode); no administrator rules apply.
    /// Returns false when it was disabled already.
    /// </summary>
    public async Task<bool> DisableBySystemAsync(AppUser user, string reason, CancellationToken ct = default)
    {
        if (AccountStates.IsDisabled(user.LockoutEnd)) return false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await DisableCoreAsync(user);
        await MarkChangedAsync(user, SystemActor);
        await tx.CommitAsync(ct);
        await RecordAsync(AuditActions.AccountDisabled, user, new AuditActor(null, SystemActor), reason, ct);
        return true;
    }

    /// <summary>Enables a disabled account, or lifts a temporary lockout after failed sign-ins.</summary>
    public async Task<DomainResult<AccountView>> EnableAsync(Official actor, string userName, CancellationToken ct = default)
    {
        if (Refuse(actor) is { } refused) return refused;
        var user = await users.FindByNameAsync(userName);
        if (user is null) return DomainError.NotFound("账号");
        var state = AccountStates.Of(user, clock.GetUtcNow());
        if (state == AccountState.Active) return DomainResult<AccountView>.Success(await ViewAsync(user));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await MarkChangedAsync(user, actor.UserName);
        await tx.CommitAsync(ct);
        await RecordAsync(AuditActions.AccountEnabled, user, Actor(actor), state == AccountState.LockedOut ? "解除锁定" : "启用", ct);
        return DomainResult<AccountView>.Success(await ViewAsync(user));
    }

    /// <summary>
    /// Sets a temporary password chosen by the administrator (Identity's rules apply); the account's sessions end and a
    /// temporary lockout is lifted, a disabled account stays disabled.
    /// </summary>
    public async Task<DomainResult<AccountView>> ResetPasswordAsync(Official actor, string userName, string? password, CancellationToken ct = default)
    {
        if (Refuse(actor) is { } refused) return refused;
        var user = await users.FindByNameAsync(userName);
        if (user is null) return DomainError.NotFound("账号");
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await CheckPasswordAsync(user, password, "password", errors);
        if (errors.Count > 0) return Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        if (Failed(await users.ResetPasswordAsync(user, token, password!), "password") is { } failed) return failed;
        if (AccountStates.Of(user, clock.GetUtcNow()) == AccountState.LockedOut) await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await MarkChangedAsync(user, actor.UserName);
        await tx.CommitAsync(ct);
        await RecordAsync(AuditActions.PasswordReset, user, Actor(actor), null, ct);
        return DomainResult<AccountView>.Success(await ViewAsync(user));
    }

    /// <summary>
    /// An official changes their own password: the current one is required, the new one follows Identity's rules and is
    /// typed twice. Every session of the account ends (security stamp); the caller signs in again. The value is the
    /// official's own account.
    /// </summary>
    public async Task<DomainResult<AccountView>> ChangeOwnPasswordAsync(Official actor, string? currentPassword, string? newPassword, string? confirmPassword,
        CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(actor.UserId);
        if (user is null || AccountStates.IsDisabled(user.LockoutEnd)) return DomainError.Forbidden("当前账号已停用或不存在，请重新登录。");
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(currentPassword)) Add(errors, "currentPassword", "请输入当前密码。");
        if (string.IsNullOrEmpty(newPassword)) Add(errors, "newPassword", "请输入新密码。");
        else
        {
            if (newPassword == currentPassword) Add(errors, "newPassword", "新密码不能与当前密码相同。");
            await CheckPasswordAsync(user, newPassword, "newPassword", errors);
            if (confirmPassword != newPassword) Add(errors, "confirmPassword", "两次输入的新密码不一致。");
        }
        if (errors.Count > 0) return Invalid(errors);

        var result = await users.ChangePasswordAsync(user, currentPassword!, newPassword!);
        if (!result.Succeeded)
        {
            var mismatch = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch));
            await RecordAsync(AuditActions.PasswordChanged, user, Actor(actor), mismatch ? "当前密码不正确" : "新密码不符合要求", ct, succeeded: false);
            return mismatch ? DomainError.Invalid("currentPassword", "当前密码不正确。") : Errors(result, "newPassword");
        }
        await RecordAsync(AuditActions.PasswordChanged, user, Actor(actor), null, ct);
        return DomainResult<AccountView>.Success(await ViewAsync(user));
    }

    private async Task<DomainResult<AccountView>> CreateCoreAsync(AccountInput input, AuditActor actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var userName = input.UserName?.Trim() ?? "";
        if (userName.Length == 0) Add(errors, "userName", "请填写用户名。");
        else if (!UserNamePattern().IsMatch(userName)) Add(errors, "userName", "用户名为 2–32 位英文字母、数字或 . _ -，以字母或数字开头。");
        else if (await users.FindByNameAsync(userName) is not null) Add(errors, "userName", $"用户名 {userName} 已被使用。");
        var displayName = CheckDisplayName(input.DisplayName, errors);
        var (role, jurisdiction) = CheckRole(input.Role, input.Jurisdiction, errors);
        var user = new AppUser { UserName = userName, DisplayName = displayName, Jurisdiction = jurisdiction, LockoutEnabled = true };
        await CheckPasswordAsync(user, input.Password, "password", errors);
        if (errors.Count > 0) return Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (Failed(await users.CreateAsync(user, input.Password!), "password") is { } e1) return e1;
        if (Failed(await users.AddToRoleAsync(user, role!), "role") is { } e2) return e2;
        await MarkChangedAsync(user, actor.Name);
        await tx.CommitAsync(ct);
        await RecordAsync(AuditActions.AccountCreated, user, actor, $"角色 {RoleName(role)}，所属 {UnitName(jurisdiction)}", ct);
        return DomainResult<AccountView>.Success(await ViewAsync(user));
    }

    private async Task DisableCoreAsync(AppUser user)
    {
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, AccountStates.DisabledUntil);
        await users.UpdateSecurityStampAsync(user);
    }

    private async Task<int> ActiveAdministratorCountAsync(CancellationToken ct)
    {
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        return admins.Count(u => !AccountStates.IsDisabled(u.LockoutEnd));
    }

    private static DomainError? Refuse(Official actor) =>
        actor.IsInRole(Roles.Admin) ? null : DomainError.Forbidden("只有系统管理员可以管理账号。");

    private static string CheckDisplayName(string? value, Dictionary<string, List<string>> errors)
    {
        var name = value?.Trim() ?? "";
        if (name.Length == 0) Add(errors, "displayName", "请填写姓名或单位名称。");
        else if (name.Length > 40) Add(errors, "displayName", "姓名或单位名称不能超过 40 个字。");
        return name;
    }

    private static (string? Role, string? Jurisdiction) CheckRole(string? role, string? jurisdiction, Dictionary<string, List<string>> errors)
    {
        var code = string.IsNullOrWhiteSpace(jurisdiction) ? null : jurisdiction.Trim();
        if (role is null || !Roles.All.Contains(role))
        {
            Add(errors, "role", "请选择角色。");
            return (null, code);
        }
        if (role == Roles.District && !HuangshanUnits.IsDistrict(code))
            Add(errors, "jurisdiction", "区县主管部门须选择所属区县（功能区）。");
        else if (role != Roles.District && code is not null)
            Add(errors, "jurisdiction", $"{Roles.DisplayName(role)}是全市范围的角色，不设所属区县，请留空。");
        return (role, code);
    }

    private async Task CheckPasswordAsync(AppUser user, string? password, string field, Dictionary<string, List<string>> errors)
    {
        if (string.IsNullOrEmpty(password))
        {
            Add(errors, field, "请填写密码。");
            return;
        }
        var broken = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
            broken.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        if (broken.Count > 0) Add(errors, field, PasswordProblem(broken));
    }

    /// <summary>The broken password rules as one sentence: "密码不符合要求：至少 8 位；须包含数字。"</summary>
    private static string PasswordProblem(IEnumerable<IdentityError> broken) =>
        "密码不符合要求：" + string.Join("；", broken.Select(e => e.Description.StartsWith("密码", StringComparison.Ordinal) ? e.Description[2..] : e.Description).Distinct()) + "。";

    private async Task MarkChangedAsync(AppUser user, string actorName)
    {
        var old = (await users.GetClaimsAsync(user)).Where(c => c.Type is ChangedAtClaim or ChangedByClaim).ToList();
        if (old.Count > 0) await users.RemoveClaimsAsync(user, old);
        await users.AddClaimsAsync(user, [new Claim(ChangedAtClaim, clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)), new Claim(ChangedByClaim, actorName)]);
    }

    private async Task<AccountView> ViewAsync(AppUser user) =>
        View(user, (await users.GetRolesAsync(user)).FirstOrDefault(), await users.GetClaimsAsync(user));

    private AccountView View(AppUser user, string? role, IEnumerable<Claim> claims)
    {
        var list = claims as IReadOnlyCollection<Claim> ?? claims.ToList();
        var changedAt = list.FirstOrDefault(c => c.Type == ChangedAtClaim)?.Value;
        var state = AccountStates.Of(user, clock.GetUtcNow());
        return new AccountView(user.UserName ?? "", user.DisplayName, role, RoleName(role), user.Jurisdiction, UnitName(user.Jurisdiction), state,
            AccountStates.DisplayName(state),
            DateTimeOffset.TryParse(changedAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null,
            list.FirstOrDefault(c => c.Type == ChangedByClaim)?.Value);
    }

    private static string RoleName(string? role) => role is null ? "（无角色）" : Roles.DisplayName(role);

    private static string UnitName(string? code) => string.IsNullOrEmpty(code) ? "全市" : HuangshanUnits.NameOf(code);

    private Task RecordAsync(string action, AppUser user, AuditActor actor, string? detail, CancellationToken ct, bool succeeded = true) =>
        audit.RecordAsync(new AuditRecord(action, user.UserName, detail, succeeded) { ActorId = actor.Id, ActorName = actor.Name }, ct);

    private static AuditActor Actor(Official official) => new(official.UserId, official.UserName);

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        if (!list.Contains(message)) list.Add(message);
    }

    private static DomainError Invalid(Dictionary<string, List<string>> errors) =>
        DomainError.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));

    private static DomainError? Failed(IdentityResult result, string field) => result.Succeeded ? null : Errors(result, field);

    private static DomainError Errors(IdentityResult result, string field)
    {
        var rules = result.Errors.Where(e => e.Code.StartsWith("Password", StringComparison.Ordinal) && e.Code != nameof(IdentityErrorDescriber.PasswordMismatch)).ToList();
        var messages = result.Errors.Except(rules).Select(e => e.Description).Distinct().ToList();
        if (rules.Count > 0) messages.Add(PasswordProblem(rules));
        return DomainError.Invalid(new Dictionary<string, string[]> { [field] = messages.ToArray() });
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$")]
    private static partial Regex UserNamePattern();

    private sealed record AuditActor(string? Id, string Name);
}
