using System.Reflection;
using System.Runtime.ExceptionServices;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Persistence;
using GreenTierWorkflows.Runtime.Management;
using GreenTierWorkflows.Runtime.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>
/// The app (SQLite file) with three real failures a test can arm for one call each: an observer first in the runtime's
/// post-commit pipeline that throws, the effect applier's database write (its batch with the cursor) refused, and the
/// workflow store refusing to commit a step. The catch-up drain runs every second.
/// </summary>
public sealed class FaultInjectingApp : NominationFixture
{
    /// <summary>The next committed step's first observer throws.</summary>
    public FailOnce Observer { get; } = new();
    /// <summary>The effect applier's next save fails, as a lost database connection would make it.</summary>
    public FailOnce ApplierWrite { get; } = new();
    /// <summary>The workflow store's next commit fails (nothing of the step is written).</summary>
    public FailOnce StoreCommit { get; } = new();

    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        base.ConfigureHost(builder);
        builder.UseSetting("Nominations:EffectRetrySeconds", "1");
        builder.ConfigureServices(services =>
        {
            services.Insert(0, ServiceDescriptor.Singleton<IWorkflowStepObserver>(new FailingObserver(Observer)));
            services.ConfigureDbContext<GreenTierDbContext>(o => o.AddInterceptors(new FailingCursorWrite(ApplierWrite)));
            services.Replace(ServiceDescriptor.Singleton<IWorkflowStore>(sp => FailingStore.Wrap(sp.GetRequiredService<EfWorkflowStore>(), StoreCommit)));
        });
    }

    /// <summary>A switch that makes the next call fail, once.</summary>
    public sealed class FailOnce
    {
        private int _armed;

        public bool Armed => Volatile.Read(ref _armed) == 1;
        public void Arm() => Volatile.Write(ref _armed, 1);
        public bool Trip() => Interlocked.Exchange(ref _armed, 0) == 1;
    }

    private sealed class FailingObserver(FailOnce failure) : IWorkflowStepObserver
    {
        public Task OnStepCommittedAsync(WorkflowRunResult run, CancellationToken ct) =>
            failure.Trip() ? throw new InvalidOperationException("测试注入：观察者故障") : Task.CompletedTask;
    }

    private sealed class FailingCursorWrite(FailOnce failure) : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
        {
            var applying = eventData.Context!.ChangeTracker.Entries<EffectCursor>().Any(e => e.State is EntityState.Added or EntityState.Modified);
            if (applying && failure.Trip()) throw new InvalidOperationException("测试注入：应用工作流效果时数据库写入失败");
            return base.SavingChangesAsync(eventData, result, ct);
        }
    }

    /// <summary>The real store behind a proxy whose <c>CommitAsync</c> fails when armed.</summary>
    public class FailingStore : DispatchProxy
    {
        private IWorkflowStore _inner = null!;
        private FailOnce _failure = null!;

        public static IWorkflowStore Wrap(IWorkflowStore inner, FailOnce failure)
        {
            var proxy = Create<IWorkflowStore, FailingStore>();
            var store = (FailingStore)(object)proxy;
            (store._inner, store._failure) = (inner, failure);
            return proxy;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (method!.Name == nameof(IWorkflowStore.CommitAsync) && _failure.Trip())
                return Task.FromException<long>(new IOException("测试注入：工作流存储提交失败"));
            try
            {
                return method.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        }
    }
}
