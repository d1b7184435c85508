namespace GreenTierWorkflows.Infrastructure.Documents;

/// <summary>Where document templates live and how PDFs are printed (section <c>Documents</c>).</summary>
public sealed class DocumentRenderingOptions
{
    public const string Section = "Documents";

    /// <summary>The Scriban templates of the documents (relative: looked up from the working directory upwards).</summary>
    public string TemplatesDirectory { get; set; } = "templates/documents";

    /// <summary>Headless Chromium that prints HTML to PDF (Debian: <c>apt-get install chromium fonts-noto-cjk</c>).</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>How long one PDF may take to print before it is given up.</summary>
    public int PdfTimeoutSeconds { get; set; } = 90;

    /// <summary>
    /// Whether PDFs carry a structure tree (tagged PDF, for screen readers). Off by default: the documents are printed, signed
    /// and stamped, their text stays selectable and searchable either way, and tagging triples a long table's file size and
    /// adds to its print time (see README "Documents").
    /// </summary>
    public bool TaggedPdf { get; set; }

    /// <summary>How many Chromium processes may print at once.</summary>
    public int MaxConcurrentPrints { get; set; } = 2;
}
