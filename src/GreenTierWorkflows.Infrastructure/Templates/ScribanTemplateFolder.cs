using System.Collections.Concurrent;
using Scriban;

namespace GreenTierWorkflows.Infrastructure.Templates;

/// <summary>
/// A folder of Scriban template files, parsed on first use and again when a file's last-write time (or length) changes,
/// so edits need no restart. A file that is missing or does not parse is reported naming the file and line.
/// </summary>
public sealed class ScribanTemplateFolder(string directory, Func<string, Exception> fail)
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>The absolute directory.</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Parses every file of <paramref name="files"/>; returns one message per problem (file and line), empty when all parse.</summary>
    public IReadOnlyList<string> TryLoadAll(IEnumerable<string> files) =>
        files.Select(file => TryLoad(file, out _)).OfType<string>().ToList();

    /// <summary>The parsed template of <paramref name="fileName"/> (relative to <see cref="Directory"/>), re-read if it changed since.</summary>
    public Template Load(string fileName) => TryLoad(fileName, out var template) is { } problem ? throw fail(problem) : template!;

    /// <summary>Parses one file (or takes it from the cache); answers the problem (file and line), or null.</summary>
    private string? TryLoad(string fileName, out Template? template)
    {
        template = null;
        var path = Path.Combine(Directory, fileName);
        var info = new FileInfo(path);
        if (!info.Exists) return $"{fileName}: 模板文件缺失 (template file missing: {path})";
        var stamp = info.LastWriteTimeUtc;
        var length = info.Length;
        if (entries.TryGetValue(fileName, out var cached) && cached.Stamp == stamp && cached.Length == length)
        {
            template = cached.Template;
            return null;
        }

        var parsed = Template.Parse(File.ReadAllText(path), path);
        if (parsed.HasErrors)
            return string.Join(Environment.NewLine, parsed.Messages.Select(m =>
                $"{fileName}({m.Span.Start.Line + 1},{m.Span.Start.Column + 1}): 第 {m.Span.Start.Line + 1} 行: {m.Message}"));
        entries[fileName] = new Entry(stamp, length, parsed);
        template = parsed;
        return null;
    }

    /// <summary>An absolute path as is; a relative one from the working directory upwards, then from the app's base directory upwards.</summary>
    public static string ResolveDirectory(string configured)
    {
        if (Path.IsPathRooted(configured)) return configured;
        foreach (var start in new[] { System.IO.Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, configured);
                if (System.IO.Directory.Exists(candidate)) return candidate;
            }
        return Path.GetFullPath(configured);
    }

    private sealed record Entry(DateTime Stamp, long Length, Template Template);
}
