using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Windows;
using GreenTierWorkflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GreenTierWorkflows.Infrastructure.Domain;

public static class NominationServiceCollectionExtensions
{
    /// <summary>The bureau's database (the one the workflow store uses too) and the nomination services.</summary>
    public static IServiceCollection AddGreenTierNominations(this IServiceCollection services, IConfiguration configuration, Persistence.AppDatabase database)
    {
        var options = configuration.GetSection(NominationOptions.Section).Get<NominationOptions>() ?? new NominationOptions();
        services.AddSingleton(options);
        services.AddDbContext<GreenTierDbContext>(o => database.Configure(o));
        services.TryAddSingleton(TimeProvider.System);
        // The decision use case records every attempt in the security audit: whoever composes nominations gets it.
        Audit.AuditServiceCollectionExtensions.AddSecurityAudit(services);
        // Effects are applied right after the step that emitted them commits, by an observer the runtime calls itself: a
        // caller reading the tables afterwards sees them. What failed there is retried by EffectRetryService and at the
        // next step; the start-up tasks drain whatever a crash left behind.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<NominationEffectApplier>(sp,
            (GreenTierWorkflows.Runtime.Persistence.IWorkflowEffectStore)sp.GetRequiredService<GreenTierWorkflows.Runtime.Persistence.IWorkflowStore>()));
        services.AddWorkflowStepObserver<EffectProjectionObserver>();
        services.AddSingleton<Effects.IEffectHandler, Effects.ReviewTaskOpenedHandler>();
        services.AddSingleton<Effects.IEffectHandler, Effects.ReviewTaskCompletedHandler>();
        services.AddSingleton<Effects.IEffectHandler, Effects.NominationStatusChangedHandler>();
        services.AddSingleton<Effects.IEffectHandler, Effects.PublicNoticeStartedHandler>();
        services.AddSingleton<Effects.IEffectHandler, Effects.PublicNoticeEndedHandler>();
        services.AddSingleton<Effects.IEffectHandler, Effects.NoticeRequestedHandler>();
        services.AddSingleton<Effects.IEffectHandler, Effects.ListingChangedHandler>();
        services.AddHostedService<EffectRetryService>();
        services.TryAddScoped<IDeclarationWindowPolicy, StoredDeclarationWindowPolicy>();
        services.AddScoped<NominationService>();
        services.AddScoped<ReviewTaskService>();
        services.AddScoped<ListingService>();
        services.AddScoped<TaskDeadlineMonitor>();
        services.AddScoped<DeclarationWindowMonitor>();
        services.AddScoped<ListingReminderMonitor>();
        services.AddScoped<MaterialFileImporter>();
        services.AddScoped<MaterialSweeper>();
        // Outside the database by default (one node, SQLite); in the shared database when app nodes scale out.
        var storage = options.MaterialStorage is MaterialStorage.Auto
            ? database.Provider == Persistence.DatabaseProvider.PostgreSql ? MaterialStorage.Database : MaterialStorage.Files
            : options.MaterialStorage;
        if (storage == MaterialStorage.Database) services.AddScoped<IMaterialContentStore, DatabaseMaterialContentStore>();
        else services.AddScoped<IMaterialContentStore, FileMaterialContentStore>();
        return services;
    }
}

/// <summary>Declaration windows as stored in the database: a submission needs a window accepting it now.</summary>
public sealed class StoredDeclarationWindowPolicy(GreenTierDbContext db) : IDeclarationWindowPolicy
{
    public async Task<WindowCheck> CheckSubmissionAsync(int year, GreenTierWorkflows.Domain.Nominations.NominationType type,
        GreenTierWorkflows.Domain.Nominations.Tier tier, DateTimeOffset now, CancellationToken ct = default)
    {
        var window = await db.DeclarationWindows.AsNoTracking().FirstOrDefaultAsync(w => w.Year == year && w.Type == type && w.Tier == tier, ct);
        var what = $"{year} 年度{GreenTierWorkflows.Domain.Nominations.DomainText.Of(tier)}{GreenTierWorkflows.Domain.Nominations.DomainText.Of(type)}";
        if (window is null) return new(false, $"{what}申报窗口尚未设置，暂不能提交。", null);
        if (window.AcceptsSubmissionAt(now)) return new(true, null, window);
        return new(false, $"{what}申报窗口为 {ChinaTime.Minute(window.OpensAt)} 至 {ChinaTime.Minute(window.ClosesAt)}，" +
            $"区县报送截止 {ChinaTime.Minute(window.DistrictDeadline)}；当前不在可提交时间内，逾期不予受理。", window);
    }
}
