using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Services;

namespace GreenTierWorkflows.ComponentTests.TestSupport;

/// <summary>
/// A bUnit context with MudBlazor's services, a popover provider and a dialog provider, as MainLayout provides them in the app.
/// Disposed asynchronously: MudBlazor's popover service is only IAsyncDisposable, which xUnit's synchronous Dispose
/// of a BunitContext-derived test class would trip over.
/// </summary>
public abstract class MudContext : IAsyncLifetime
{
    protected BunitContext Bunit { get; } = new();

    protected MudContext()
    {
        Bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        Bunit.Services.AddMudServices();
        Bunit.Render<MudPopoverProvider>();
        Dialogs = Bunit.Render<MudDialogProvider>();
    }

    /// <summary>Where dialogs opened through IDialogService render (MainLayout has one too).</summary>
    protected IRenderedComponent<MudDialogProvider> Dialogs { get; }

    protected IRenderedComponent<T> Render<T>(Action<ComponentParameterCollectionBuilder<T>> parameters) where T : IComponent =>
        Bunit.Render(parameters);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Bunit.DisposeAsync().AsTask();
}
