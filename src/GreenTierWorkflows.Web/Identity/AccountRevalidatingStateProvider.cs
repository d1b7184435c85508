using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace GreenTierWorkflows.Web.Identity;

/// <summary>
/// The officials' pages keep one connection open for as long as the tab is: every 30 s the sign-in behind it is checked
/// again (<see cref="AccountSessionCheck"/>), so a disabled account's open page falls back to the sign-in page.
/// </summary>
public sealed class AccountRevalidatingStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (authenticationState.User.Identity?.IsAuthenticated != true) return true;
        await using var scope = scopes.CreateAsyncScope();
        return await AccountSessionCheck.IsCurrentAsync(authenticationState.User, scope.ServiceProvider, cancellationToken);
    }
}
