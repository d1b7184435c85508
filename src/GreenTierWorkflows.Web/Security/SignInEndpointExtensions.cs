namespace GreenTierWorkflows.Web.Security;

/// <summary>Endpoint builder extension for <see cref="SignInEndpointMetadata"/>.</summary>
public static class SignInEndpointExtensions
{
    public static RouteHandlerBuilder WithSignInLimits(this RouteHandlerBuilder builder) => builder.WithMetadata(SignInEndpointMetadata.Instance);
}
