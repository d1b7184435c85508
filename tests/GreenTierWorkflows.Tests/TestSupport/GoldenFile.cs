namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>
/// Compares a rendering with the reviewed file kept in the repository (notices, documents). With <c>GTW_UPDATE_GOLDEN=1</c>
/// it rewrites the file instead; review the diff before committing it.
/// </summary>
public static class GoldenFile
{
    public static void Compare(string folder, string file, string actual)
    {
        var path = Path.Combine(folder, file);
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("GTW_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"{path} is missing: review the rendering and create it with GTW_UPDATE_GOLDEN=1.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected == actual) return;
        var (e, a) = (expected.Split('\n'), actual.Split('\n'));
        var line = Enumerable.Range(0, Math.Max(e.Length, a.Length)).First(i => i >= e.Length || i >= a.Length || e[i] != a[i]);
        Assert.Fail($"{file} differs from the reviewed text at line {line + 1}:\n  reviewed: {(line < e.Length ? e[line] : "(end)")}\n" +
            $"  rendered: {(line < a.Length ? a[line] : "(end)")}\nIf the template change is intended, rerun with GTW_UPDATE_GOLDEN=1 and review the diff.");
    }
}
