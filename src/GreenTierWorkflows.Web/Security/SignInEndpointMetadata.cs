namespace GreenTierWorkflows.Web.Security;

/// <summary>
/// Marks a password sign-in endpoint: the sign-in rate limits apply to it, reading the account name from the form or
/// JSON field <see cref="AccountField"/>. Add with <see cref="SignInEndpointExtensions.WithSignInLimits"/>.
/// </summary>
public sealed class SignInEndpointMetadata
{
    public const string AccountField = "username";
    public static readonly SignInEndpointMetadata Instance = new();
}
