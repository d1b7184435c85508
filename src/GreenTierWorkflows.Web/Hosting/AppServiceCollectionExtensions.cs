using Microsoft.Extensions.DependencyInjection.Extensions;
using GreenTierWorkflows.Application;
using GreenTierWorkflows.Infrastructure.Identity;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Notifications;
using GreenTierWorkflows.Infrastructure.Persistence;
using GreenTierWorkflows.Runtime;
using GreenTierWorkflows.Domain.Activities;
using GreenTierWorkflows.Web.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Web.Hosting;

/// <summary>The composition root's registrations, grouped by capability.</summary>
public static class AppServiceCollectionExtensions
{
    public const string ApiPrefix = "/elsa/api";

    /// <summary>Options, the database (SQLite, or PostgreSQL for scale-out), the workflow runtime on the EF store, start-up tasks and health.</summary>
    public static WebApplicationBuilder AddGreenTierCore(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DataOptions>().BindConfiguration(DataOptions.Section);
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        services.AddOptions<StudioOptions>().BindConfiguration(StudioOptions.Section);

        var data = builder.Configuration.GetSection(DataOptions.Section).Get<DataOptions>() ?? new DataOptions();
        var database = AppDatabase.FromSettings(data.Provider, builder.Configuration.GetConnectionString(DataOptions.ConnectionStringName), data.DatabasePath);
        if (!database.IsPostgreSql) Directory.CreateDirectory(Path.GetDirectoryName(data.DatabasePath)!);
        services.AddSingleton(database);
        // Material files live beside the database unless configured elsewhere: a default set before the section is bound.
        services.AddOptions<MaterialStorageOptions>().Configure(o => o.MaterialsDirectory = Path.Combine(Path.GetFullPath(data.Directory), "materials"));

        var calendar = Infrastructure.Calendar.HolidayCalendarFolder.Load(Infrastructure.Templates.ScribanTemplateFolder.ResolveDirectory(data.CalendarsDirectory)); // a broken file stops start-up here
        services.Replace(ServiceDescriptor.Singleton(calendar));
        services.AddWorkflowRuntime(runtime => runtime.AddGreenTierActivities(calendar).UseConfiguredLimits());
        services.AddWorkflowStore(database);
        services.AddGreenTierApplication(builder.Configuration, database);
        services.AddSingleton<ReadinessState>();
        Infrastructure.Audit.AuditServiceCollectionExtensions.AddSecurityAudit(services);
        services.AddScoped<WorkflowFolderImporter>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DemoRegistrySeeder>();
        services.AddScoped<DemoReadinessSeeder>();
        services.AddHostedService<StartupTasks>();
        services.AddHostedService<DeadlineMonitorService>();
        services.AddHostedService<MaterialSweepService>();
        services.AddGreenTierNotices(builder.Configuration);
        services.AddHealthChecks().AddCheck<ReadinessHealthCheck>("ready");
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        return builder;
    }

    /// <summary>
    /// Identity accounts with a cookie for pages (and Studio, same origin) and bearer tokens for API clients.
    /// API calls get 401/403 instead of a redirect to the login page.
    /// </summary>
    public static WebApplicationBuilder AddGreenTierAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Cookies and bearer tokens are protected with keys kept in the app's database, so every app node accepts what
        // another issued (scale-out) and sign-ins survive restarts.
        services.AddDataProtection()
            .SetApplicationName("GreenTierWorkflows")
            .PersistKeysToDbContext<GreenTierDbContext>();
        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.Password.RequiredLength = 8;
            })
            .AddEntityFrameworkStores<GreenTierDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<Endpoints.OfficialClaimsPrincipalFactory>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = "Smart";
                // AddIdentity sets DefaultAuthenticateScheme to the cookie, which would hide bearer tokens.
                o.DefaultAuthenticateScheme = "Smart";
                o.DefaultChallengeScheme = "Smart";
            })
            .AddPolicyScheme("Smart", "Cookie or bearer", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme);
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "greentier.auth";
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
        });
        services.AddAntiforgery();
        services.AddAuthorizationBuilder()
            .AddPolicy("Designers", p => p.RequireRole(Roles.Designer, Roles.Admin))
            .AddPolicy("Admins", p => p.RequireRole(Roles.Admin));
        return builder;
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments(ApiPrefix) || ctx.Request.Path.StartsWithSegments("/api") || HttpWorkflows.HttpWorkflowEndpointMetadata.IsWorkflowRequest(ctx.HttpContext))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
