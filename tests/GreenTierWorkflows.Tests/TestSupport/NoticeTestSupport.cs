using System.Net;
using System.Net.Sockets;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Notifications;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>Renderers over the repository's templates or a temp copy of them, throw-away SQLite databases, free ports.</summary>
internal static class NoticeTestSupport
{
    public static string TemplatesDirectory => Path.Combine(RepoPaths.Root, "templates");

    public static NoticeOptions Options(int smtpPort = 25, int maxAttempts = 6, string? templates = null) => new()
    {
        TemplatesDirectory = templates ?? TemplatesDirectory,
        FromAddress = "noreply@greentier.test",
        AppUrl = NoticeSamples.AppUrl,
        Smtp = new SmtpOptions { Host = "127.0.0.1", Port = smtpPort, TimeoutSeconds = 10 },
        MaxAttempts = maxAttempts,
        RetryBaseSeconds = 30,
        PollSeconds = 0,
    };

    public static NoticeRenderer Renderer(string? templates = null)
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options(templates: templates));
        return new NoticeRenderer(new NoticeTemplateCatalog(options), options);
    }

    public static NoticeDispatcher Dispatcher(NoticeOptions settings)
    {
        var options = Microsoft.Extensions.Options.Options.Create(settings);
        var renderer = new NoticeRenderer(new NoticeTemplateCatalog(options), options);
        return new NoticeDispatcher(new SmtpNoticeSender(renderer, new MailKitSmtpClientFactory(options), options), options);
    }

    /// <summary>A copy of the repository's templates in a new temp directory (deleted by the caller).</summary>
    public static string CopyTemplates()
    {
        var dir = Path.Combine(Path.GetTempPath(), "gtw-templates-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(TemplatesDirectory, "*.sbn"))
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        return dir;
    }

    /// <summary>A migrated SQLite file database in the temp directory.</summary>
    public static async Task<(string Path, Func<GreenTierDbContext> Open)> CreateDatabaseAsync()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gtw-notices-" + Guid.NewGuid().ToString("N") + ".db");
        var options = new DbContextOptionsBuilder<GreenTierDbContext>().UseSqlite($"Data Source={path}").Options;
        GreenTierDbContext Open() => new(options);
        await using (var db = Open()) await db.Database.MigrateAsync();
        return (path, Open);
    }

    public static void DeleteDatabase(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            if (File.Exists(file)) File.Delete(file);
    }

    /// <summary>A loopback port nothing listens on (taken and released at once).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static string Normalize(string text) => text.Replace("\r\n", "\n").Trim();
}
