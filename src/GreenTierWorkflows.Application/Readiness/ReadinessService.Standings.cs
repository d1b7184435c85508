using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Pools;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Application.Readiness;

/// <summary>
/// 培育梯度's stored standings (<see cref="MemberStanding"/>): the ladder's standing filter and the target plan select their
/// members by them in the database, then assess only the members they show; the workbook reads its rows from them
/// (<see cref="SheetAsync"/>). Assessing a city of 100,000 members for every
/// filtered page took 6 s on SQLite and 9 s on PostgreSQL; the stored rows are kept current instead:
/// <list type="bullet">
/// <item>a generation names what every row was judged against (the round, the China day, the rules file and the round's
/// windows); when it changes (the day turns, a window or the rules are edited) the whole ladder is assessed again, by the
/// night's job (<see cref="RefreshStandingsAsync(CancellationToken)"/>) or else by the first read;</item>
/// <item>between generations, a change to a member's facts leaves a <see cref="MemberStandingInvalidation"/>
/// (<see cref="MemberStandingInvalidator"/>, in the same save), and the members it names are assessed again before the next
/// read: a decision costs the next read a few assessments, not a city's.</item>
/// </list>
/// </summary>
public sealed partial class ReadinessService : IReadinessStandingRefresh
{
    /// <summary>Sees every district: the standings are the city's, each read scoped afterwards by the ladder's own rule.</summary>
    internal static readonly Official Everyone = new("system", "system", "系统", [Roles.Admin], null);

    /// <summary>One refresh at a time in this process (a second waits and then finds the rows current).</summary>
    private static readonly SemaphoreSlim StandingsGate = new(1, 1);

    /// <summary>How many recorded changes a refresh reads at a time.</summary>
    private const int InvalidationBatch = 2000;

    /// <summary>Each loaded rules file's text as the generation digests it: the catalog reads the files once, so it is serialized once.</summary>
    private static readonly ConditionalWeakTable<ReadinessRules, string> RulesText = new();

    /// <summary>Makes the stored standings current for the coming round and returns their generation.</summary>
    public async Task<string> RefreshStandingsAsync(CancellationToken ct = default) => (await RefreshStandingsAsync(null, rebuild: true, ct))!;

    /// <summary>
    /// Makes the stored standings of <paramref name="round"/> (the coming round when null) current. The generation is read once
    /// the gate is held: one read before waiting could be a generation a window's edit has since replaced, and building it
    /// after the newer one would remove the newer one's rows. Without <paramref name="rebuild"/> a generation not yet built is
    /// left so (null is returned): the caller reads the members themselves rather than wait for the whole city.
    /// </summary>
    private async Task<string?> RefreshStandingsAsync(int? round, bool rebuild, CancellationToken ct)
    {
        await StandingsGate.WaitAsync(ct);
        try
        {
            var year = round ?? await RoundYearAsync(ct);
            var generation = await StandingGenerationAsync(year, ct);
            if (!await BuiltAsync(generation, ct))
            {
                if (!rebuild) return null;
                // Another node may be building it already: wait for it, then find it built.
                await using var rebuilding = await MemberStandingStore.RebuildLockAsync(db, ct);
                if (!await BuiltAsync(generation, ct)) await RebuildStandingsAsync(year, generation, ct);
            }
            // The changes recorded so far (after a rebuild too: a change committed while it read may have missed it). Each is
            // deleted by its id once its members are written, so a change committed meanwhile stays for the next refresh.
            while (true)
            {
                var pending = await db.MemberStandingInvalidations.AsNoTracking().OrderBy(i => i.Id).Take(InvalidationBatch).ToListAsync(ct);
                if (pending.Count == 0) break;
                await ReassessAsync([.. pending.Select(p => p.Subject).Distinct()], year, generation, ct);
                var ids = pending.Select(p => p.Id).ToList();
                await db.MemberStandingInvalidations.Where(i => ids.Contains(i.Id)).ExecuteDeleteAsync(ct);
                if (pending.Count < InvalidationBatch) break;
            }
            return generation;
        }
        finally
        {
            StandingsGate.Release();
        }
    }

    private Task<bool> BuiltAsync(string generation, CancellationToken ct) =>
        db.MemberStandingGenerations.AsNoTracking().AnyAsync(g => g.Generation == generation, ct);

    /// <summary>
    /// What the standings of <paramref name="round"/> are judged against today: the round, the China day (certificates lapse,
    /// reviews and annual tables fall due by the day), a digest of the round's rules and of its windows of every type.
    /// </summary>
    internal async Task<string> StandingGenerationAsync(int round, CancellationToken ct)
    {
        var text = new StringBuilder(RulesText.GetValue(catalog.For(round), rules => JsonSerializer.Serialize(rules)));
        foreach (var type in Enum.GetValues<NominationType>())
            foreach (var (tier, window) in (await WindowsAsync(round, type, ct)).OrderBy(w => w.Key))
                text.Append($"|{type}:{tier}:{window.OpensAt.UtcTicks}:{window.SubmissionEndsAt.UtcTicks}");
        var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
        return $"{round}:{ChinaTime.Today(clock):yyyyMMdd}:{digest}";
    }

    /// <summary>Every ladder member assessed and written under <paramref name="generation"/>; rows of older generations removed.</summary>
    private async Task RebuildStandingsAsync(int round, string generation, CancellationToken ct)
    {
        var members = 0;
        await foreach (var assessed in AssessedBatchesAsync(MemberBatchesAsync(Ordered(Members(Everyone)), BatchSize, ct), round, ct))
        {
            await WriteStandingsAsync([], assessed, generation, ct);
            members += assessed.Count;
        }
        await db.MemberStandings.Where(s => s.Generation != generation).ExecuteDeleteAsync(ct);
        await db.MemberStandingGenerations.Where(g => g.Generation != generation).ExecuteDeleteAsync(ct);
        await MemberStandingStore.RefreshStatisticsAsync(db, ct);
        var built = new MemberStandingGeneration { Generation = generation, BuiltAt = clock.GetUtcNow(), Members = members };
        db.MemberStandingGenerations.Add(built);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node finished the same generation first (its rows are as good as these); anything else is a real failure.
            db.Entry(built).State = EntityState.Detached;
            if (!await db.MemberStandingGenerations.AsNoTracking().AnyAsync(g => g.Generation == generation, ct)) throw;
        }
        finally
        {
            db.Entry(built).State = EntityState.Detached;
        }
    }

    /// <summary>
    /// The memberships the changed <paramref name="subjects"/> name (every membership of a changed enterprise or park, in any
    /// year or state) lose their stored rows, and those of them in the ladder are assessed and written again: so a member that
    /// exits, or that next year's enrolment supersedes, leaves the standings, and one that returns to the ladder is back.
    /// </summary>
    private async Task ReassessAsync(IReadOnlyCollection<string> subjects, int round, string generation, CancellationToken ct)
    {
        List<string> Ids(string prefix) => [.. subjects.Where(s => s.StartsWith(prefix, StringComparison.Ordinal)).Select(s => s[prefix.Length..])];
        var (enterprises, parks, memberships) = (Ids("e:"), Ids("p:"), Ids("m:"));
        var affected = new HashSet<string>(memberships, StringComparer.Ordinal);
        foreach (var chunk in enterprises.Chunk(BatchSize))
            affected.UnionWith(await db.PoolMemberships.Where(m => chunk.Contains(m.EnterpriseId!)).Select(m => m.Id).ToListAsync(ct));
        foreach (var chunk in parks.Chunk(BatchSize))
            affected.UnionWith(await db.PoolMemberships.Where(m => chunk.Contains(m.ParkId!)).Select(m => m.Id).ToListAsync(ct));
        var ladder = Members(Everyone);
        foreach (var chunk in affected.Chunk(BatchSize))
        {
            var inLadder = await ladder.Where(m => chunk.Contains(m.Id)).ToListAsync(ct);
            await WriteStandingsAsync(chunk, await AssessAsync(inLadder, round, ct), generation, ct);
        }
    }

    /// <summary>
    /// Writes <paramref name="rows"/> under <paramref name="generation"/> (each replacing its member's row of any generation) and
    /// removes the rows of the members of <paramref name="replaced"/> that are not among them, in one transaction.
    /// </summary>
    private Task WriteStandingsAsync(IReadOnlyCollection<string> replaced, IReadOnlyList<MemberReadiness> rows, string generation, CancellationToken ct)
    {
        var written = rows.Select(r => r.MemberId).ToHashSet(StringComparer.Ordinal);
        return MemberStandingStore.ReplaceAsync(db, [.. replaced.Where(id => !written.Contains(id))], [.. rows.Select(r => new MemberStanding
        {
            Id = r.MemberId,
            Generation = generation,
            DistrictCode = r.DistrictCode,
            MemberName = r.MemberName,
            TargetType = r.Type,
            City = (int?)r.Cell(Tier.City)?.Standing,
            Province = (int?)r.Cell(Tier.Province)?.Standing,
            National = (int?)r.Cell(Tier.National)?.Standing,
            CityGaps = r.Cell(Tier.City)?.Gaps.Count,
            ProvinceGaps = r.Cell(Tier.Province)?.Gaps.Count,
            NationalGaps = r.Cell(Tier.National)?.Gaps.Count,
            Checklist = ReadinessText.ChecklistLines(r.Checklist),
        })], ct);
    }

    /// <summary>The stored standings of the current <paramref name="generation"/> whose cell of <paramref name="tier"/> is <paramref name="standing"/>.</summary>
    private IQueryable<MemberStanding> Standings(string generation, Tier tier, TierStanding standing)
    {
        var value = (int)standing;
        var standings = db.MemberStandings.AsNoTracking().Where(s => s.Generation == generation);
        return tier switch
        {
            Tier.City => standings.Where(s => s.City == value),
            Tier.Province => standings.Where(s => s.Province == value),
            _ => standings.Where(s => s.National == value),
        };
    }

    /// <summary>The stored standings a standing filter reads (made current first), in the ladder's order, for plan checks.</summary>
    internal async Task<IQueryable<MemberStanding>> LadderStandingsAsync(Official official, ReadinessQuery query) =>
        (await ScopeAsync(official, query, CancellationToken.None)).Value!.Standings!;
}
