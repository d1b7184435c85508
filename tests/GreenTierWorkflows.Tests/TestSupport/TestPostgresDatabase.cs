using Microsoft.AspNetCore.Hosting;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>
/// A fresh database on the test PostgreSQL (GTW_TEST_POSTGRES, set by scripts/test.sh), dropped afterwards. Without the
/// variable the test fails with a pointer to the test command, in CI and locally alike.
/// </summary>
public sealed class TestPostgresDatabase : IDisposable
{
    private readonly string _admin;
    private readonly string _name = "gtw_test_" + Guid.NewGuid().ToString("N")[..12];

    public TestPostgresDatabase()
    {
        _admin = Environment.GetEnvironmentVariable("GTW_TEST_POSTGRES") is { Length: > 0 } s ? s : throw new InvalidOperationException(
            "GTW_TEST_POSTGRES is not set: run the tests with scripts/test.sh, which starts a throwaway PostgreSQL (scripts/test-postgres.sh).");
        Execute($"CREATE DATABASE {_name}");
    }

    public string ConnectionString => new Npgsql.NpgsqlConnectionStringBuilder(_admin) { Database = _name }.ConnectionString;

    /// <summary>Puts the app's data (both EF Core contexts) on this database, as scale-out mode does.</summary>
    public void UseForAppData(IWebHostBuilder builder)
    {
        builder.UseSetting("Data:Provider", "PostgreSql");
        builder.UseSetting("ConnectionStrings:GreenTier", ConnectionString);
    }

    private void Execute(string sql)
    {
        using var connection = new Npgsql.NpgsqlConnection(_admin);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        Execute($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }
}
