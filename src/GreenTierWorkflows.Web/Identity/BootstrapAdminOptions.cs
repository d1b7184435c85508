namespace GreenTierWorkflows.Web.Identity;

/// <summary>
/// The first administrator (<c>Bootstrap:Admin</c>): created at start-up when no administrator account may sign in.
/// Give the password through an environment variable or a secret store (<c>Bootstrap__Admin__Password</c>), not in a file.
/// </summary>
public sealed class BootstrapAdminOptions
{
    public const string Section = "Bootstrap:Admin";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>Shown in the user menu and the account list (default 系统管理员).</summary>
    public string? DisplayName { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(UserName) || !string.IsNullOrEmpty(Password);
}
