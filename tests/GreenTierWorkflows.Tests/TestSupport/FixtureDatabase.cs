using Microsoft.AspNetCore.Hosting;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>
/// The database an app fixture runs on: the SQLite file in its data directory (the default), or a PostgreSQL database
/// of its own on the test server (scale-out mode), dropped when the fixture ends.
/// </summary>
public sealed class FixtureDatabase : IDisposable
{
    private readonly TestPostgresDatabase? _postgres;

    private FixtureDatabase(TestPostgresDatabase? postgres) => _postgres = postgres;

    public static FixtureDatabase Sqlite() => new(null);

    public static FixtureDatabase PostgreSql() => new(new TestPostgresDatabase());

    public bool IsPostgreSql => _postgres is not null;

    public void Configure(IWebHostBuilder builder) => _postgres?.UseForAppData(builder);

    public void Dispose() => _postgres?.Dispose();
}
