using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Expressions;
using GreenTierWorkflows.Runtime.Management;
using GreenTierWorkflows.Runtime.Persistence;
using GreenTierWorkflows.Runtime.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GreenTierWorkflows.Runtime;

/// <summary>Configures the runtime: extra activities (e.g. the nomination domain's), options, store and scheduler.</summary>
public sealed class WorkflowRuntimeBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;
    internal List<IActivity> Activities { get; } = [];
    public WorkflowRuntimeOptions Options { get; set; } = new();
    internal Func<IServiceProvider, WorkflowLimits>? LimitsFactory { get; private set; }

    /// <summary>Registers a custom activity with its own descriptor.</summary>
    public WorkflowRuntimeBuilder AddActivity(IActivity activity)
    {
        Activities.Add(activity);
        return this;
    }

    /// <summary>Replaces the default in-memory store.</summary>
    public WorkflowRuntimeBuilder UseStore(Func<IServiceProvider, IWorkflowStore> factory)
    {
        Services.Replace(ServiceDescriptor.Singleton(factory));
        return this;
    }

    /// <summary>Takes the runtime's limits from the container (e.g. bound from configuration) instead of <see cref="Options"/>.</summary>
    public WorkflowRuntimeBuilder UseLimits(Func<IServiceProvider, WorkflowLimits> factory)
    {
        LimitsFactory = factory;
        return this;
    }

    /// <summary>Replaces the default in-process scheduler (e.g. with Hangfire).</summary>
    public WorkflowRuntimeBuilder UseScheduler(Func<IServiceProvider, IWorkflowScheduler> factory)
    {
        Services.Replace(ServiceDescriptor.Singleton(factory));
        return this;
    }
}

/// <summary>DI registration of the workflow runtime.</summary>
public static class WorkflowRuntimeServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflowRuntime(this IServiceCollection services, Action<WorkflowRuntimeBuilder>? configure = null)
    {
        var builder = new WorkflowRuntimeBuilder(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWorkflowStore>(sp => new MemoryWorkflowStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IWorkflowScheduler>(sp => new InProcessWorkflowScheduler(sp.GetRequiredService<TimeProvider>()));
        configure?.Invoke(builder);
        services.AddSingleton(sp => builder.LimitsFactory is { } limits ? builder.Options with { Limits = limits(sp) } : builder.Options);
        services.AddSingleton(_ => BuiltInActivities.CreateRegistry().RegisterRange(builder.Activities));
        services.AddSingleton(sp =>
        {
            var limits = sp.GetRequiredService<WorkflowRuntimeOptions>().Limits;
            return new ExpressionEngine(ExpressionEngine.Defaults(limits.JavaScript, limits.Liquid));
        });
        services.AddSingleton<WorkflowLoader>();
        services.AddSingleton(sp => new WorkflowRunner(sp.GetRequiredService<ExpressionEngine>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<WorkflowRuntimeOptions>()));
        services.AddSingleton(sp => new WorkflowRuntime(sp.GetRequiredService<IWorkflowStore>(), sp.GetRequiredService<WorkflowLoader>(),
            sp.GetRequiredService<WorkflowRunner>(), sp.GetRequiredService<IWorkflowScheduler>(),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<WorkflowRuntime>>(), sp.GetServices<IWorkflowStepObserver>));
        services.AddSingleton<WorkflowDefinitionService>();
        return services;
    }

    /// <summary>Adds an observer to the runtime's post-commit pipeline (called after every committed step, in registration order).</summary>
    public static IServiceCollection AddWorkflowStepObserver<T>(this IServiceCollection services) where T : class, IWorkflowStepObserver
    {
        services.AddSingleton<IWorkflowStepObserver, T>();
        return services;
    }
}
