using System.Diagnostics;

namespace GreenTierWorkflows.Tests.Documents;

/// <summary>poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm) on a PDF's bytes, for checking generated documents by content.</summary>
internal static class PdfTools
{
    /// <summary>The text of every page in reading order (<c>pdftotext</c>: a table cell's lines stay together), pages separated by form feeds.</summary>
    public static Task<string> TextAsync(byte[] pdf) => RunOnAsync(pdf, "pdftotext", "{file}", "-");

    /// <summary><c>pdfinfo</c>: pages, page size, producer.</summary>
    public static Task<string> InfoAsync(byte[] pdf) => RunOnAsync(pdf, "pdfinfo", "{file}");

    /// <summary><c>pdffonts</c>: one line per font with its embedded / subset / unicode columns.</summary>
    public static Task<string> FontsAsync(byte[] pdf) => RunOnAsync(pdf, "pdffonts", "{file}");

    /// <summary>Writes page PNGs (<c>pdftoppm -png -r 80</c>) under <paramref name="prefix"/> to look at.</summary>
    public static Task<string> PngAsync(byte[] pdf, string prefix)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(prefix)!);
        return RunOnAsync(pdf, "pdftoppm", "-png", "-r", "80", "{file}", prefix);
    }

    /// <summary>The page count pdfinfo reports.</summary>
    public static int Pages(string info) =>
        int.Parse(info.Split('\n').First(l => l.StartsWith("Pages:", StringComparison.Ordinal))["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Text with all white space removed (CJK text extraction may insert spaces between characters of table cells).</summary>
    public static string Squeezed(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>
    /// Whether <paramref name="expected"/> is in the text, its characters in order and close together (white space
    /// ignored): a table cell whose text wraps is extracted interleaved with the neighbouring cell's line.
    /// </summary>
    public static bool ContainsCell(string text, string expected)
    {
        var flat = Squeezed(text);
        var want = Squeezed(expected);
        if (flat.Contains(want, StringComparison.Ordinal)) return true;
        for (var start = flat.IndexOf(want[0]); start >= 0; start = flat.IndexOf(want[0], start + 1))
        {
            int at = start, found = 0;
            while (found < want.Length && at < flat.Length && at - start <= want.Length + 80)
                if (flat[at++] == want[found]) found++;
            if (found == want.Length) return true;
        }
        return false;
    }

    private static async Task<string> RunOnAsync(byte[] pdf, string tool, params string[] args)
    {
        var file = Path.Combine(Path.GetTempPath(), $"gtw-doc-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args) start.ArgumentList.Add(a == "{file}" ? file : a);
            using var p = Process.Start(start)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            Assert.True(p.ExitCode == 0, $"{tool} failed ({p.ExitCode}): {await stderr}");
            return await stdout;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
