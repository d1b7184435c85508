namespace GreenTierWorkflows.Infrastructure.Documents;

/// <summary>Prints a complete HTML page (A4 by its own <c>@page</c> rule) to PDF.</summary>
public interface IPdfPrinter
{
    Task<byte[]> PrintAsync(string html, CancellationToken ct = default);
}

/// <summary>Printing failed (Chromium missing, crashed or too slow); the message says what to install or check.</summary>
public sealed class PdfPrintException(string message, Exception? inner = null) : Exception(message, inner);
