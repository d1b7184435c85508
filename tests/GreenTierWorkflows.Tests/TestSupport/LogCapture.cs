using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>A logger provider that keeps every message it is given, for tests that wait for the app to report something.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(string Category, LogLevel Level, string Message)> Entries => _entries.ToArray();

    /// <summary>Polls until a message containing every fragment was logged; null when none came in time.</summary>
    public async Task<string?> WaitForAsync(TimeSpan timeout, Func<bool>? giveUp, params string[] fragments)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            var hit = _entries.FirstOrDefault(e => fragments.All(e.Message.Contains)).Message;
            if (hit is not null) return hit;
            if (giveUp?.Invoke() == true) return null;
            await Task.Delay(50);
        }
        return null;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
