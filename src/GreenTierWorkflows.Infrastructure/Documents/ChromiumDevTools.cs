using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GreenTierWorkflows.Infrastructure.Documents;

/// <summary>
/// One headless Chromium kept running, driven over the DevTools protocol (a WebSocket on 127.0.0.1): each print takes an
/// idle tab (kept between prints), loads the page, waits for its load event and fonts, prints with the page's own <c>@page</c> size and returns
/// the tab. Starting Chromium costs about 1–3 s; a warm browser prints a one-page document in a fraction of that.
/// </summary>
internal sealed class ChromiumDevTools : IAsyncDisposable
{
    private readonly Process process;
    private readonly ClientWebSocket socket = new();
    private readonly DirectoryInfo profile;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> pending = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> loads = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim sendGate = new(1, 1);
    private readonly ConcurrentBag<(string Target, string Session)> idleTabs = [];
    private readonly CancellationTokenSource stopping = new();
    private Task? receiving;
    private int nextId;

    private ChromiumDevTools(Process process, DirectoryInfo profile) => (this.process, this.profile) = (process, profile);

    /// <summary>Whether the browser and its connection are still usable.</summary>
    public bool Alive => !process.HasExited && socket.State == WebSocketState.Open && receiving is { IsCompleted: false };

    public static async Task<ChromiumDevTools> StartAsync(string chromiumPath, TimeSpan timeout, CancellationToken ct)
    {
        var profile = Directory.CreateTempSubdirectory("gtw-chromium-");
        var start = new ProcessStartInfo(chromiumPath) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
            "--disable-background-networking", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
            $"--user-data-dir={profile.FullName}", "about:blank",
        }) start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new PdfPrintException("Chromium 未能启动，无法生成 PDF。");
        var tools = new ChromiumDevTools(process, profile);
        try
        {
            _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(timeout);
            string? endpoint = null;
            while (endpoint is null)
            {
                var line = await process.StandardError.ReadLineAsync(wait.Token) ?? throw new PdfPrintException("Chromium 启动后立即退出，无法生成 PDF。");
                var at = line.IndexOf("ws://", StringComparison.Ordinal);
                if (line.StartsWith("DevTools listening on ", StringComparison.Ordinal) && at >= 0) endpoint = line[at..].Trim();
            }
            _ = DrainAsync(process.StandardError); // keep the pipe from filling up
            await tools.socket.ConnectAsync(new Uri(endpoint), wait.Token);
            tools.receiving = tools.ReceiveLoopAsync();
            return tools;
        }
        catch
        {
            await tools.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Prints <paramref name="pageUrl"/> (a file:// URL) to PDF in an idle tab (opened on first use and kept, so its renderer
    /// process is not started again for every print); <paramref name="phases"/> receives where the time went. A tab whose print
    /// failed is closed rather than reused. <paramref name="tagged"/> asks for a tagged (structure tree) PDF, which about
    /// triples the size of a long table and adds to the print's time.
    /// </summary>
    public async Task<byte[]> PrintAsync(string pageUrl, bool tagged, Action<string, double> phases, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        double Lap()
        {
            var ms = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            return ms;
        }
        var tab = idleTabs.TryTake(out var idle) ? idle : await OpenTabAsync(ct);
        var reusable = false;
        try
        {
            phases("tab", Lap());
            var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            loads[tab.Session] = loaded;
            await SendAsync("Page.navigate", new JsonObject { ["url"] = pageUrl }, tab.Session, ct);
            await loaded.Task.WaitAsync(ct);
            loads.TryRemove(tab.Session, out _);
            phases("load", Lap());
            await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = "document.fonts.ready.then(() => true)", ["awaitPromise"] = true }, tab.Session, ct);
            phases("fonts", Lap());
            var printed = await SendAsync("Page.printToPDF", new JsonObject
            {
                ["preferCSSPageSize"] = true, ["printBackground"] = true, ["displayHeaderFooter"] = false, ["generateTaggedPDF"] = tagged,
            }, tab.Session, ct);
            phases("print", Lap());
            var pdf = Convert.FromBase64String(printed["data"]!.GetValue<string>());
            phases("transfer", Lap());
            reusable = true;
            return pdf;
        }
        finally
        {
            loads.TryRemove(tab.Session, out _);
            if (reusable) idleTabs.Add(tab);
            else
            {
                try { await SendAsync("Target.closeTarget", new JsonObject { ["targetId"] = tab.Target }, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)); }
                catch (Exception e) when (e is PdfPrintException or TimeoutException or WebSocketException or OperationCanceledException) { }
            }
        }
    }

    private async Task<(string Target, string Session)> OpenTabAsync(CancellationToken ct)
    {
        var target = (await SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, null, ct))["targetId"]!.GetValue<string>();
        var session = (await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target, ["flatten"] = true }, null, ct))["sessionId"]!.GetValue<string>();
        await SendAsync("Page.enable", [], session, ct);
        return (target, session);
    }

    private async Task<JsonObject> SendAsync(string method, JsonObject parameters, string? session, CancellationToken ct)
    {
        var id = Interlocked.Increment(ref nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (session is not null) message["sessionId"] = session;
        var reply = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = reply;
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await sendGate.WaitAsync(ct);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, ct);
        }
        finally
        {
            sendGate.Release();
        }
        try
        {
            var answer = await reply.Task.WaitAsync(ct);
            if (answer["error"] is JsonObject error) throw new PdfPrintException($"Chromium 打印失败（{method}）：{error["message"]}");
            return answer["result"] as JsonObject ?? [];
        }
        finally
        {
            pending.TryRemove(id, out _);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var part = await socket.ReceiveAsync(buffer, stopping.Token);
                if (part.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage) continue;
                var node = JsonNode.Parse(message.GetBuffer().AsSpan(0, (int)message.Length)) as JsonObject;
                message.SetLength(0);
                if (node is null) continue;
                if (node["id"] is JsonValue id && pending.TryGetValue(id.GetValue<int>(), out var reply)) reply.TrySetResult(node);
                else if (node["method"]?.GetValue<string>() == "Page.loadEventFired" && node["sessionId"]?.GetValue<string>() is { } session
                         && loads.TryGetValue(session, out var loaded)) loaded.TrySetResult();
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or JsonException) { }
        foreach (var reply in pending.Values) reply.TrySetException(new PdfPrintException("与 Chromium 的连接已断开，无法生成 PDF。"));
        foreach (var loaded in loads.Values) loaded.TrySetException(new PdfPrintException("与 Chromium 的连接已断开，无法生成 PDF。"));
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        try { while (await reader.ReadLineAsync() is not null) { } }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        try { await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)); } catch (TimeoutException) { }
        if (receiving is not null) await receiving;
        socket.Dispose();
        process.Dispose();
        sendGate.Dispose();
        stopping.Dispose();
        try { profile.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
