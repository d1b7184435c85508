namespace GreenTierWorkflows.Infrastructure.Documents;

/// <summary>
/// Where one print's wall time went (milliseconds): writing the page, opening a tab, loading the page (parse, style, fonts),
/// waiting for the fonts, Chromium's layout and print, and receiving and decoding the PDF. Logged at Debug per print and kept
/// in <see cref="ChromiumPdfPrinter.LastPhases"/> for the benchmark.
/// </summary>
public sealed record PdfPrintPhases(double WritePage, double OpenTab, double Load, double Fonts, double Print, double Transfer, int HtmlChars, int PdfBytes)
{
    /// <summary>The phases' sum.</summary>
    public double Total => WritePage + OpenTab + Load + Fonts + Print + Transfer;
}
