using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Web.Endpoints;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace GreenTierWorkflows.Web.Components;

/// <summary>
/// Base of the officials' pages: knows the signed-in <see cref="Official"/> and runs each piece of work in its own DI
/// scope, so a page never holds one DbContext for the lifetime of its circuit (stale tracking, cross-request state).
/// </summary>
public abstract class OfficialComponentBase : ComponentBase
{
    /// <summary>Name of the cascading value with the client's address (set in Routes from the page request).</summary>
    public const string ClientAddressName = "ClientAddress";

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }
    [CascadingParameter(Name = ClientAddressName)] private string? ClientAddress { get; set; }
    [Inject] protected IServiceScopeFactory Scopes { get; set; } = null!;
    [Inject] protected TimeProvider Clock { get; set; } = null!;
    [Inject] protected ISnackbar Snackbar { get; set; } = null!;
    [Inject] protected NavigationManager Navigation { get; set; } = null!;

    /// <summary>The signed-in official (roles and jurisdiction from the sign-in claims).</summary>
    protected Official Official { get; private set; } = null!;

    /// <summary>True until the first load has finished.</summary>
    protected bool Loading { get; private set; } = true;

    protected sealed override async Task OnInitializedAsync()
    {
        var state = await (AuthenticationState ?? throw new InvalidOperationException("页面需要登录状态（CascadingAuthenticationState）。"));
        Official = CurrentOfficial.FromClaims(state.User) ?? throw new InvalidOperationException("登录信息不完整，请重新登录。");
        await LoadAsync();
        Loading = false;
    }

    /// <summary>Loads the page's data; called once the official is known.</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;

    /// <summary>Runs <paramref name="work"/> with a service from a fresh scope (one unit of work).</summary>
    protected async Task<T> UseAsync<TService, T>(Func<TService, Task<T>> work) where TService : notnull
    {
        await using var scope = Scopes.CreateAsyncScope();
        Identify(scope.ServiceProvider);
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Runs <paramref name="work"/> with a fresh scope's service provider (several services, one unit of work).</summary>
    protected async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Scopes.CreateAsyncScope();
        Identify(scope.ServiceProvider);
        return await work(scope.ServiceProvider);
    }

    /// <summary>Tells the scope's security audit who acts and from where (a circuit has no HTTP request to ask).</summary>
    private void Identify(IServiceProvider services) =>
        services.GetService<Infrastructure.Audit.AuditCaller>()?.Set(Official.UserId, Official.UserName, ClientAddress);

    /// <summary>China time, as officials read dates.</summary>
    protected static string Time(DateTimeOffset? at) => Ui.Time(at);

    protected DateTimeOffset Now => Clock.GetUtcNow();
}
