using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Web.Security;

/// <summary>
/// Failed sign-ins per (account name, client address), in memory (one per app node). Reaching
/// <see cref="SignInProtectionOptions.MaxFailedAttempts"/> within the failure window locks that pair for the lockout
/// duration; attempts while locked are refused without counting, so a lockout ends on time however long an attacker
/// keeps trying, and it never touches the account itself: the owner signs in from any other address.
/// Unknown account names are counted the same way, so a lockout says nothing about whether an account exists.
/// </summary>
public sealed class SignInFailureTracker(TimeProvider clock, IOptionsMonitor<SignInProtectionOptions> options)
{
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed class Entry
    {
        public int Failures;
        public DateTimeOffset FirstFailure;
        public DateTimeOffset? LockedUntil;
    }

    /// <summary>How much longer the pair is locked, or null when it may try.</summary>
    public TimeSpan? LockedFor(string account, string address)
    {
        if (!_entries.TryGetValue(Key(account, address), out var entry)) return null;
        var now = clock.GetUtcNow();
        lock (entry)
            return entry.LockedUntil is { } until && until > now ? until - now : null;
    }

    /// <summary>Counts a failure; returns the lockout it starts (null when the pair may still try).</summary>
    public TimeSpan? RecordFailure(string account, string address)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        if (_entries.Count > PruneAbove) Prune(now, settings);
        var entry = _entries.GetOrAdd(Key(account, address), _ => new Entry { FirstFailure = now });
        lock (entry)
        {
            if (entry.LockedUntil is { } until && until > now) return until - now;
            if (entry.LockedUntil is not null || now - entry.FirstFailure > settings.FailureWindow)
            {
                entry.Failures = 0;
                entry.FirstFailure = now;
                entry.LockedUntil = null;
            }
            entry.Failures++;
            if (entry.Failures < settings.MaxFailedAttempts) return null;
            entry.LockedUntil = now + settings.LockoutDuration;
            return settings.LockoutDuration;
        }
    }

    /// <summary>A successful sign-in clears the pair's failures.</summary>
    public void Reset(string account, string address) => _entries.TryRemove(Key(account, address), out _);

    private void Prune(DateTimeOffset now, SignInProtectionOptions settings)
    {
        foreach (var (key, entry) in _entries)
        {
            bool stale;
            lock (entry)
                stale = entry.LockedUntil is { } until ? until <= now : now - entry.FirstFailure > settings.FailureWindow;
            if (stale) _entries.TryRemove(key, out _);
        }
    }

    private static string Key(string account, string address) => account + "\n" + address;
}
