using GreenTierWorkflows.Infrastructure.Identity;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Infrastructure.Domain;
using System.Net;
using GreenTierWorkflows.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Web.Studio;

/// <summary>
/// Serves the genuine Elsa Studio (npm <c>@elsa-workflows/elsa-studio-wasm</c>, installed by the setup command) under
/// <c>/studio</c>, same origin as the API, to designers and administrators only. The package is a set of custom
/// elements without a shell, so our host pages give it navigation: one Studio element per page.
/// </summary>
public static class StudioHosting
{
    public const string PackageName = "@elsa-workflows/elsa-studio-wasm";

    public static WebApplication MapStudio(this WebApplication app)
    {
        var package = FindPackage(app.Services.GetRequiredService<IOptions<StudioOptions>>().Value, app.Environment);
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/studio"), branch => branch.Use(async (ctx, next) =>
        {
            if (ctx.User.Identity?.IsAuthenticated != true) { await ctx.ChallengeAsync(); return; }
            if (!ctx.User.IsInRole(Roles.Designer) && !ctx.User.IsInRole(Roles.Admin)) { await ctx.ForbidAsync(); return; }
            await next();
        }));

        if (package is null)
            app.Logger.LogWarning("Elsa Studio package not found (run the setup command: npm ci). /studio shows a notice.");
        else
        {
            var types = new FileExtensionContentTypeProvider();
            types.Mappings[".dat"] = "application/octet-stream"; // ICU data; without it the WebAssembly runtime never starts
            types.Mappings[".blat"] = "application/octet-stream";
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(package), RequestPath = "/studio", ContentTypeProvider = types });
        }

        var pages = app.MapGroup("/studio").ExcludeFromDescription();
        pages.MapGet("/", (HttpContext http) => Page(http, package, "工作流定义", "elsa-workflow-definition-list", null,
            "editWorkflowDefinition: id => location.href = '/studio/definitions/' + encodeURIComponent(id)"));
        pages.MapGet("/definitions/{definitionId}", (HttpContext http, string definitionId) => Editor(http, package, definitionId));
        pages.MapGet("/workflows/definitions/{definitionId}/edit", (HttpContext http, string definitionId) => Editor(http, package, definitionId));
        pages.MapGet("/instances", (HttpContext http) => Page(http, package, "工作流实例", "elsa-workflow-instance-list", null,
            "viewWorkflowInstance: id => location.href = '/studio/instances/' + encodeURIComponent(id)"));
        pages.MapGet("/instances/{instanceId}", (HttpContext http, string instanceId) => Viewer(http, package, instanceId));
        pages.MapGet("/workflows/instances/{instanceId}/view", (HttpContext http, string instanceId) => Viewer(http, package, instanceId));
        return app;
    }

    private static IResult Editor(HttpContext http, string? package, string definitionId) =>
        Page(http, package, "编辑工作流", "elsa-workflow-definition-editor", ("definition-id", definitionId), null);

    private static IResult Viewer(HttpContext http, string? package, string instanceId) =>
        Page(http, package, "实例查看", "elsa-workflow-instance-viewer", ("instance-id", instanceId),
            "editWorkflowDefinition: id => location.href = '/studio/definitions/' + encodeURIComponent(id)");

    /// <summary>node_modules/@elsa-workflows/elsa-studio-wasm above the content root (or as configured).</summary>
    public static string? FindPackage(StudioOptions options, IHostEnvironment env)
    {
        if (options.PackagePath is { } configured) return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        for (var dir = new DirectoryInfo(env.ContentRootPath); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "node_modules", "@elsa-workflows", "elsa-studio-wasm");
            if (File.Exists(Path.Combine(candidate, "_framework", "blazor.webassembly.js"))) return candidate;
        }
        return null;
    }

    private static IResult Page(HttpContext http, string? package, string title, string element, (string Name, string Value)? attribute, string? callbacks)
    {
        if (package is null)
            return Results.Content(Account.AccountPages.Html("Elsa Studio 未安装",
                "<main class=\"card\"><h1>Elsa Studio 未安装</h1><p>请先运行安装命令（npm ci）。</p></main>"), "text/html; charset=utf-8", statusCode: 503);
        var attr = attribute is { } a ? $"{{ '{a.Name}': {System.Text.Json.JsonSerializer.Serialize(a.Value)} }}" : "{}";
        var html = $$"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
              <meta charset="utf-8"/>
              <meta name="viewport" content="width=device-width, initial-scale=1"/>
              <title>{{WebUtility.HtmlEncode(title)}} · Elsa Studio · 绿色制造梯度培育</title>
              <base href="/studio/"/>
              <link rel="icon" href="data:,"/>
              <link href="_content/MudBlazor/MudBlazor.min.css" rel="stylesheet"/>
              <link href="_content/CodeBeam.MudBlazor.Extensions/MudExtensions.min.css" rel="stylesheet"/>
              <link href="_content/Radzen.Blazor/css/material-base.css" rel="stylesheet"/>
              <link href="_content/Elsa.Studio.Shell/css/shell.css" rel="stylesheet"/>
              <link href="Elsa.Studio.Host.CustomElements.styles.css" rel="stylesheet"/>
              <style>
                body { margin: 0; font-family: "Noto Sans CJK SC", Roboto, sans-serif; }
                nav.gtw { display: flex; gap: 1.5rem; align-items: center; padding: .6rem 1rem; background: #2e7d32; }
                nav.gtw a, nav.gtw button { color: #fff; text-decoration: none; background: none; border: 0; font-size: 1rem; cursor: pointer; }
                nav.gtw .brand { font-weight: bold; margin-right: auto; }
                nav.gtw .zone { color: #e8f5e9; font-size: .875rem; }
                nav.gtw a, nav.gtw .zone { white-space: nowrap; }
                @media (max-width: 600px) {
                  nav.gtw { flex-wrap: wrap; gap: .4rem 1rem; }
                  nav.gtw .brand { flex-basis: 100%; }
                }
                #host { height: calc(100vh - 48px); }
              </style>
            </head>
            <body>
              <nav class="gtw">
                <span class="brand">绿色制造梯度培育 · 流程设计</span>
                <span class="zone" title="Studio 中的时间均按{{ChinaTime.ZoneLabel}}显示">时间：{{ChinaTime.ZoneLabel}}</span>
                <a href="/">返回业务系统</a>
                <a href="/studio/">工作流定义</a>
                <a href="/studio/instances">工作流实例</a>
                <form method="post" action="/account/logout" style="margin:0"><button type="submit">退出</button></form>
              </nav>
              <div id="host"></div>
              <div id="blazor-error-ui" style="display:none">An unhandled error has occurred. <a href="" class="reload">Reload</a></div>
              <script src="_content/BlazorMonaco/jsInterop.js"></script>
              <script src="_content/BlazorMonaco/lib/monaco-editor/min/vs/loader.js"></script>
              <script src="_content/BlazorMonaco/lib/monaco-editor/min/vs/editor/editor.main.js"></script>
              <script src="_content/MudBlazor/MudBlazor.min.js"></script>
              <script src="_content/CodeBeam.MudBlazor.Extensions/MudExtensions.min.js"></script>
              <script src="_content/Radzen.Blazor/Radzen.Blazor.js"></script>
              <script src="_framework/blazor.webassembly.js" autostart="false"></script>
              <script nonce="{{Hosting.SecurityHeaders.Nonce(http)}}">
                // Studio formats every time in the runtime's local zone: make that China time whatever the browser's zone.
                Blazor.start({ configureRuntime: runtime => runtime.withEnvironmentVariable('TZ', '{{ChinaTime.ZoneId}}') });
                const el = document.createElement('{{element}}');
                el.setAttribute('remote-endpoint', location.origin + '/elsa/api');
                for (const [k, v] of Object.entries({{attr}})) el.setAttribute(k, v);
                document.getElementById('host').appendChild(el);
                customElements.whenDefined('{{element}}').then(() => Object.assign(el, { {{callbacks ?? ""}} }));
              </script>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
