namespace GreenTierWorkflows.Web.Hosting;

/// <summary>Set once start-up work has finished; read by the health check.</summary>
public sealed class ReadinessState
{
    public volatile bool Ready;
}
