using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Infrastructure.Documents;

/// <summary>
/// Prints HTML to PDF with headless Chromium: the page's own <c>@page</c> rule sets A4, margins and the page-number margin
/// boxes, Chromium's header and footer are off, and the fonts are the system's (Noto CJK from fonts-noto-cjk), embedded as
/// subsets with a ToUnicode map, so the text stays selectable. One browser is kept running and driven over the DevTools
/// protocol (<see cref="ChromiumDevTools"/>); should it fail, that print falls back to a one-off <c>--print-to-pdf</c>
/// process and the next print starts a new browser. Each page is written to a temporary folder, deleted afterwards; at most
/// <see cref="DocumentRenderingOptions.MaxConcurrentPrints"/> prints run at once.
/// </summary>
public sealed class ChromiumPdfPrinter(IOptions<DocumentRenderingOptions> options, ILogger<ChromiumPdfPrinter> logger) : IPdfPrinter, IAsyncDisposable, IDisposable
{
    private readonly DocumentRenderingOptions settings = options.Value;
    private readonly SemaphoreSlim gate = new(options.Value.MaxConcurrentPrints);
    private readonly SemaphoreSlim startGate = new(1, 1);
    private ChromiumDevTools? browser;

    /// <summary>Where the last print over DevTools spent its time (null before the first, or when it fell back to a one-off process).</summary>
    public PdfPrintPhases? LastPhases { get; private set; }

    public async Task<byte[]> PrintAsync(string html, CancellationToken ct = default)
    {
        if (!File.Exists(settings.ChromiumPath))
            throw new PdfPrintException($"找不到 Chromium（{settings.ChromiumPath}），无法生成 PDF。请安装：apt-get install chromium fonts-noto-cjk，或设置 Documents:ChromiumPath。");
        await gate.WaitAsync(ct);
        var work = Directory.CreateTempSubdirectory("gtw-print-");
        try
        {
            var page = Path.Combine(work.FullName, "document.html");
            var pdf = Path.Combine(work.FullName, "document.pdf");
            var watch = Stopwatch.StartNew();
            await File.WriteAllTextAsync(page, html, ct);
            var written = watch.Elapsed.TotalMilliseconds;
            using (var limit = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                limit.CancelAfter(TimeSpan.FromSeconds(settings.PdfTimeoutSeconds));
                try
                {
                    var warm = await BrowserAsync(limit.Token);
                    var laps = new Dictionary<string, double>(StringComparer.Ordinal);
                    var printed = await warm.PrintAsync(new Uri(page).AbsoluteUri, settings.TaggedPdf, (phase, ms) => laps[phase] = ms, limit.Token);
                    var phases = new PdfPrintPhases(written, laps["tab"], laps["load"], laps["fonts"], laps["print"], laps["transfer"], html.Length, printed.Length);
                    LastPhases = phases;
                    logger.LogDebug("Printed a PDF of {Bytes} bytes from {Chars} characters of HTML in {Total:0} ms: {Phases}", printed.Length, html.Length, phases.Total, phases);
                    return printed;
                }
                catch (Exception e) when (!ct.IsCancellationRequested && e is PdfPrintException or IOException or System.Net.WebSockets.WebSocketException
                                              or OperationCanceledException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    logger.LogWarning(e, "Chromium (DevTools) could not print; printing with a one-off process instead");
                    await DropBrowserAsync();
                }
            }
            var start = new ProcessStartInfo(settings.ChromiumPath)
            {
                RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
                $"--user-data-dir={Path.Combine(work.FullName, "profile")}", $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri,
            }) start.ArgumentList.Add(arg);
            using var process = Process.Start(start) ?? throw new PdfPrintException("Chromium 未能启动，无法生成 PDF。");
            var stderr = process.StandardError.ReadToEndAsync(ct);
            _ = process.StandardOutput.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(settings.PdfTimeoutSeconds));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                if (ct.IsCancellationRequested) throw;
                throw new PdfPrintException($"生成 PDF 超时（{settings.PdfTimeoutSeconds} 秒）。");
            }
            if (!File.Exists(pdf) || new FileInfo(pdf).Length == 0)
                throw new PdfPrintException($"Chromium 未生成 PDF（退出码 {process.ExitCode}）：{Tail(await stderr)}");
            return await File.ReadAllBytesAsync(pdf, ct);
        }
        finally
        {
            gate.Release();
            try { work.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The running browser, started on first use or after it failed.</summary>
    private async Task<ChromiumDevTools> BrowserAsync(CancellationToken ct)
    {
        if (browser is { Alive: true } running) return running;
        await startGate.WaitAsync(ct);
        try
        {
            if (browser is { Alive: true } started) return started;
            if (browser is not null) await browser.DisposeAsync();
            browser = null;
            return browser = await ChromiumDevTools.StartAsync(settings.ChromiumPath, TimeSpan.FromSeconds(settings.PdfTimeoutSeconds), ct);
        }
        finally
        {
            startGate.Release();
        }
    }

    private async Task DropBrowserAsync()
    {
        await startGate.WaitAsync();
        try
        {
            if (browser is not null) await browser.DisposeAsync();
            browser = null;
        }
        finally
        {
            startGate.Release();
        }
    }

    private static string Tail(string text) => text.Length > 600 ? text[^600..] : text;

    public async ValueTask DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        browser = null;
        gate.Dispose();
        startGate.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
