using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>
/// What every app fixture shares: the real web app (WebApplicationFactory&lt;Program&gt;) in demo mode on its own data
/// directory and database (<see cref="FixtureDatabase"/>), torn down with its files. A fixture adds its host settings in
/// <see cref="ConfigureHost"/> and its clients in <see cref="OnStartedAsync"/>.
/// </summary>
public abstract class DemoAppFixture : IAsyncLifetime
{
    public const string Password = DemoApp.Password;

    private readonly FixtureDatabase _database;

    protected DemoAppFixture(string dataDirectory, FixtureDatabase database)
    {
        DataDirectory = dataDirectory;
        _database = database;
    }

    /// <summary>A fresh temp directory named after the fixture.</summary>
    protected static string NewDataDirectory(string name) => Path.Combine(Path.GetTempPath(), $"gtw-{name}-" + Guid.NewGuid().ToString("N"));

    public string DataDirectory { get; }
    public string DatabasePath => Path.Combine(DataDirectory, "greentier.db");
    public bool OnPostgreSql => _database.IsPostgreSql;
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    /// <summary>Whether disposing removes the data directory (a restart test keeps it for the next start).</summary>
    protected virtual bool DeleteDataOnDispose => true;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            DemoApp.Configure(b, DataDirectory);
            _database.Configure(b);
            ConfigureHost(b);
        });
        await OnStartedAsync();
    }

    /// <summary>The fixture's own host settings and services (after demo mode and the database are set).</summary>
    protected virtual void ConfigureHost(IWebHostBuilder builder) { }

    /// <summary>Runs once the factory exists: start Kestrel, sign clients in, seed data.</summary>
    protected virtual Task OnStartedAsync() => Task.CompletedTask;

    /// <summary>Disposes what <see cref="OnStartedAsync"/> made (clients), before the app stops.</summary>
    protected virtual void DisposeClients() { }

    public T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    public virtual async Task DisposeAsync()
    {
        DisposeClients();
        if (Factory is not null) await Factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _database.Dispose();
        if (!DeleteDataOnDispose) return;
        try { Directory.Delete(DataDirectory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
