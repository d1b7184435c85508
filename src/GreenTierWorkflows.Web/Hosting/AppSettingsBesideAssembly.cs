using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace GreenTierWorkflows.Web.Hosting;

/// <summary>
/// Makes the app's own <c>appsettings.json</c> count however the app is started. The run command starts the built
/// assembly with the repository root as content root (so that <c>data/</c>, <c>templates/</c> and <c>workflows/</c>
/// resolve there), where no appsettings.json lies; the build copies it next to the assembly, so that copy is used.
/// </summary>
public static class AppSettingsBesideAssembly
{
    private const string FileName = "appsettings.json";

    /// <summary>
    /// When the content root lacks appsettings.json, adds the one beside the assembly (and
    /// <c>appsettings.{Environment}.json</c> if present there) where the content-root files would have been: before user
    /// secrets, environment variables and the command line, which therefore still override it.
    /// </summary>
    public static WebApplicationBuilder AddAppSettingsBesideAssembly(this WebApplicationBuilder builder) =>
        AddAppSettingsBesideAssembly(builder, AppContext.BaseDirectory);

    internal static WebApplicationBuilder AddAppSettingsBesideAssembly(WebApplicationBuilder builder, string assemblyDirectory)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        if (File.Exists(Path.Combine(contentRoot, FileName)) || !File.Exists(Path.Combine(assemblyDirectory, FileName))) return builder;
        if (Path.GetFullPath(contentRoot).TrimEnd(Path.DirectorySeparatorChar) == Path.GetFullPath(assemblyDirectory).TrimEnd(Path.DirectorySeparatorChar)) return builder;

        var sources = builder.Configuration.Sources;
        // The host's own (optional, here missing) appsettings.json source comes before the environment's file, user
        // secrets, environment variables and the command line; the copy goes in right after it, so all of those still
        // override it.
        var environmentFile = $"appsettings.{builder.Environment.EnvironmentName}.json";
        var at = 0;
        for (var i = 0; i < sources.Count; i++)
            if (sources[i] is JsonConfigurationSource json && json.Path == FileName) at = i + 1;
        var files = new PhysicalFileProvider(assemblyDirectory);
        sources.Insert(at, new JsonConfigurationSource { FileProvider = files, Path = FileName, Optional = false, ReloadOnChange = false });
        if (File.Exists(Path.Combine(assemblyDirectory, environmentFile)))
            sources.Insert(at + 1, new JsonConfigurationSource { FileProvider = files, Path = environmentFile, Optional = true, ReloadOnChange = false });
        return builder;
    }
}
