using Microsoft.AspNetCore.Hosting;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary><see cref="ElsaApiFixture"/> with <c>Data:Provider=PostgreSql</c> on a database of its own (dropped afterwards).</summary>
public sealed class PostgreSqlElsaApiFixture : ElsaApiFixture
{
    private readonly TestPostgresDatabase _database = new();

    protected override void ConfigureDatabase(IWebHostBuilder builder) => _database.UseForAppData(builder);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }
}
