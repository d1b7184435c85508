namespace GreenTierWorkflows.Web.Components.Layout;

/// <summary>
/// Tells the app bar's bell (one per circuit: a scoped service) that the official read messages, so the unread count drops at
/// once without waiting for the next navigation.
/// </summary>
public sealed class MessageBellSignal
{
    public event Func<Task>? Changed;

    public Task RaiseAsync() => Changed?.Invoke() ?? Task.CompletedTask;
}
