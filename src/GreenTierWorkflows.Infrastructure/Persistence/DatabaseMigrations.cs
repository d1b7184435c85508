using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace GreenTierWorkflows.Infrastructure.Persistence;

/// <summary>
/// Start-up's migration step made cheap for the usual case, a restart on an up-to-date database: it reads the applied
/// migration ids once (the history table) and compares them with the migrations this build carries; only when one is
/// missing does it run EF Core's full <c>Migrate</c> (its migration lock, the model-versus-snapshot check, every pending
/// migration in order). A database behind the build is therefore still migrated before the app serves a request; one
/// that is up to date skips EF's lock and model diff, which cost most of the phase's time (issue 20).
/// </summary>
public static class DatabaseMigrations
{
    /// <summary>Applies the pending migrations, if any; returns their ids (empty when the database was up to date).</summary>
    public static async Task<IReadOnlyList<string>> MigrateIfBehindAsync(this DatabaseFacade database, CancellationToken ct = default)
    {
        var pending = (await database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0) await database.MigrateAsync(ct);
        return pending;
    }

    /// <summary>As <see cref="MigrateIfBehindAsync"/>, synchronously (the workflow store migrates while it is resolved).</summary>
    public static IReadOnlyList<string> MigrateIfBehind(this DatabaseFacade database)
    {
        var pending = database.GetPendingMigrations().ToList();
        if (pending.Count > 0) database.Migrate();
        return pending;
    }
}
