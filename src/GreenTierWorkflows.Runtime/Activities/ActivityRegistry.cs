using System.Collections.Concurrent;

namespace GreenTierWorkflows.Runtime.Activities;

/// <summary>
/// The explicit alias registry of activity types: JSON <c>type</c> + <c>version</c> → behaviour and descriptor.
/// Nothing is resolved through CLR type names; an unknown type resolves to <c>Elsa.NotFoundActivity</c>.
/// </summary>
public sealed class ActivityRegistry
{
    private readonly ConcurrentDictionary<string, SortedList<int, IActivity>> _byType = new(StringComparer.Ordinal);

    /// <summary>Registers (or replaces) an activity type version.</summary>
    public ActivityRegistry Register(IActivity activity)
    {
        var d = activity.Descriptor;
        var versions = _byType.GetOrAdd(d.TypeName, _ => new SortedList<int, IActivity>());
        lock (versions) versions[d.Version] = activity;
        Changed?.Invoke();
        return this;
    }

    public ActivityRegistry RegisterRange(IEnumerable<IActivity> activities)
    {
        foreach (var a in activities) Register(a);
        return this;
    }

    /// <summary>Raised when the set of types changes, so caches of loaded workflows can be dropped.</summary>
    public event Action? Changed;

    /// <summary>Exact version if registered, else the highest registered version; null when the type is unknown.</summary>
    public IActivity? Find(string typeName, int version = 0)
    {
        if (!_byType.TryGetValue(typeName, out var versions)) return null;
        lock (versions)
        {
            if (versions.TryGetValue(version, out var exact)) return exact;
            return versions.Count == 0 ? null : versions.Values[^1];
        }
    }

    public bool Contains(string typeName) => _byType.ContainsKey(typeName);

    /// <summary>Every registered descriptor (all versions), for Studio's activity palette.</summary>
    public IReadOnlyList<ActivityDescriptor> Descriptors()
    {
        var list = new List<ActivityDescriptor>();
        foreach (var versions in _byType.Values)
            lock (versions) list.AddRange(versions.Values.Select(a => a.Descriptor));
        return list.OrderBy(d => d.Category, StringComparer.Ordinal).ThenBy(d => d.TypeName, StringComparer.Ordinal).ToList();
    }
}
