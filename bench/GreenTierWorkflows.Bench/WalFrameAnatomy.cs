using System.Buffers.Binary;
using GreenTierWorkflows.Runtime.Execution;
using Microsoft.Data.Sqlite;
using static GreenTierWorkflows.Bench.WorkflowBenches;

namespace GreenTierWorkflows.Bench;

/// <summary>WAL frames one kind of step writes, in all and per b-tree (table or index, leaf or interior page).</summary>
internal sealed record FrameCount(string Path, int Steps, double FramesPerStep, IReadOnlyList<(string Owner, double PerStep)> ByOwner);

/// <summary>
/// Diagnostic (<c>--frames</c>): which pages the commit of a start and of a resume writes, on the store's own schema
/// through the real runtime. A commit appends one WAL frame per page it changed, and each frame costs a header and a page
/// write, its checksum, and device time at the fsync, so this is where a step's commit cost beyond a one-row commit comes
/// from. Method: the WAL is checkpointed empty, a batch of starts (then of their resumes) runs, the frames' page numbers
/// are read from the WAL file, and each page is attributed to the b-tree that owns it by walking every b-tree of the
/// checkpointed database file from its root page.
/// </summary>
internal static class WalFrameAnatomy
{
    private const int WalHeaderBytes = 32;
    private const int FrameHeaderBytes = 24;

    public static async Task<IReadOnlyList<FrameCount>> RunAsync(BenchHost host, int warmUp, int count)
    {
        using var rt = host.CreateSqlite("frames");
        var definitionId = await BenchHost.PublishAsync(rt, BenchHost.EventWait("bench-frames"));
        for (var i = 0; i < warmUp; i++) EnsureFinished(await rt.Runtime.ResumeAsync(BookmarkOf(await rt.Runtime.StartAsync(definitionId))));

        var path = rt.DatabasePath!;
        using var control = RawCommitBench.Open(GreenTierWorkflows.Infrastructure.Persistence.EfWorkflowStore.SqliteConnectionString(path));
        var bookmarks = new string[count];
        var results = new List<FrameCount>();

        Checkpoint(control);
        for (var i = 0; i < count; i++) bookmarks[i] = BookmarkOf(await rt.Runtime.StartAsync(definitionId));
        results.Add(Count("start (runs to the Event bookmark)", count, path, control));

        Checkpoint(control);
        for (var i = 0; i < count; i++) EnsureFinished(await rt.Runtime.ResumeAsync(bookmarks[i]));
        results.Add(Count("resume (to the end)", count, path, control));
        return results;
    }

    /// <summary>Copies every WAL frame into the database file and empties the WAL.</summary>
    private static void Checkpoint(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        using var reader = cmd.ExecuteReader();
        if (reader.Read() && reader.GetInt32(0) != 0) throw new InvalidOperationException("The WAL checkpoint was blocked by a reader.");
    }

    private static FrameCount Count(string name, int steps, string path, SqliteConnection control)
    {
        var wal = File.ReadAllBytes(path + "-wal");
        var pageSize = (int)BinaryPrimitives.ReadUInt32BigEndian(wal.AsSpan(8));
        var pages = new List<uint>();
        for (var offset = WalHeaderBytes; offset + FrameHeaderBytes + pageSize <= wal.Length; offset += FrameHeaderBytes + pageSize)
            pages.Add(BinaryPrimitives.ReadUInt32BigEndian(wal.AsSpan(offset)));
        // The frames of the last commits before a WAL restart would be ambiguous; the batch must fit one WAL generation.
        if (pages.Count >= GreenTierWorkflows.Infrastructure.Persistence.SqliteConnectionSetupInterceptor.WalAutoCheckpointPages)
            throw new InvalidOperationException($"{pages.Count} frames reached the auto-checkpoint size: run fewer steps.");

        Checkpoint(control);
        var owners = PageOwners(path, control);
        var byOwner = pages.GroupBy(p => owners.GetValueOrDefault(p, "overflow or free pages"))
            .Select(g => (Owner: g.Key, PerStep: (double)g.Count() / steps))
            .OrderByDescending(o => o.PerStep).ToList();
        return new FrameCount(name, steps, (double)pages.Count / steps, byOwner);
    }

    /// <summary>Page number → "b-tree name (leaf|interior)", from a walk of every b-tree in the database file.</summary>
    private static Dictionary<uint, string> PageOwners(string path, SqliteConnection control)
    {
        var roots = new List<(string Name, uint Root)>();
        using (var cmd = control.CreateCommand())
        {
            cmd.CommandText = "SELECT name, rootpage FROM sqlite_master WHERE rootpage > 0;";
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) roots.Add((reader.GetString(0), (uint)reader.GetInt64(1)));
        }
        roots.Add(("sqlite_master", 1));

        var file = File.ReadAllBytes(path);
        var pageSize = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(16)) is var size and > 1 ? size : 65_536;
        var owners = new Dictionary<uint, string>();
        foreach (var (name, root) in roots)
        {
            var pending = new Stack<uint>([root]);
            while (pending.TryPop(out var page))
            {
                var start = (int)(page - 1) * pageSize;
                if (start + pageSize > file.Length) continue;
                var header = start + (page == 1 ? 100 : 0);
                var interior = file[header] is 0x02 or 0x05; // index / table interior page
                owners[page] = page == 1 ? "page 1 (file header + schema)" : $"{name} ({(interior ? "interior" : "leaf")})";
                if (!interior) continue;
                var cells = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(header + 3));
                pending.Push(BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(header + 8))); // right-most child
                for (var i = 0; i < cells; i++)
                {
                    var cell = start + BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(header + 12 + 2 * i));
                    pending.Push(BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(cell))); // left child of the cell
                }
            }
        }
        return owners;
    }
}
