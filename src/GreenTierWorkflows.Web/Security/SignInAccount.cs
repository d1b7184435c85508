namespace GreenTierWorkflows.Web.Security;

/// <summary>How the sign-in limits name an account: trimmed, case-insensitive, at most 128 characters.</summary>
public static class SignInAccount
{
    public const int MaxLength = 128;

    public static string Normalize(string? name)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length > MaxLength) trimmed = trimmed[..MaxLength];
        return trimmed.ToUpperInvariant();
    }
}
