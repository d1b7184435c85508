using GreenTierWorkflows.Web.Dashboard;
using GreenTierWorkflows.Web.Exports;
using MudBlazor.Services;

namespace GreenTierWorkflows.Web.Components;

/// <summary>The officials' web UI: Blazor components rendered interactively on the server, with MudBlazor.</summary>
public static class OfficialsUiHosting
{
    public static WebApplicationBuilder AddOfficialsUi(this WebApplicationBuilder builder)
    {
        // Package assets (_content/MudBlazor) are read from the build output's manifest in every environment, not only Development.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddMudServices().AddChineseMudLocalization();
        builder.Services.AddScoped<Shared.WorkflowNames>();
        builder.Services.AddScoped<Shared.OfficialNames>();
        builder.Services.AddScoped<Layout.MessageBellSignal>();
        return builder;
    }

    public static WebApplication MapOfficialsUi(this WebApplication app)
    {
        app.MapStaticAssets().ExcludeFromDescription();
        app.MapDashboardExports();
        app.MapListExports();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().ExcludeFromDescription();
        return app;
    }
}
