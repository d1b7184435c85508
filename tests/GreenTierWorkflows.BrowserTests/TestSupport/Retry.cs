using Microsoft.Playwright;

namespace GreenTierWorkflows.BrowserTests.TestSupport;

/// <summary>
/// Repeats an action whose effect can be lost on a loaded machine: a click that lands while Blazor re-renders the
/// component (its handler is replaced and the event dropped), a file handed to an input before its script is wired, a
/// click on a Studio canvas that still settles. The expectation decides; after the last attempt its failure is the
/// test's failure, with Playwright's message saying what was not seen.
/// </summary>
public static class Retry
{
    /// <summary>
    /// Runs <paramref name="act"/>, then <paramref name="expectation"/>; while the expectation fails (a
    /// <see cref="PlaywrightException"/>) and attempts remain, calls <paramref name="onRetry"/> (e.g. a screenshot step) and acts again.
    /// An action that must not run twice checks in <paramref name="act"/> whether its effect is already there.
    /// </summary>
    public static async Task ActUntilAsync(Func<Task> act, Func<Task> expectation, int attempts = 4, Func<int, Task>? onRetry = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            await act();
            try
            {
                await expectation();
                return;
            }
            catch (PlaywrightException) when (attempt < attempts)
            {
                if (onRetry is not null) await onRetry(attempt);
            }
        }
    }

    /// <summary>Clicks <paramref name="button"/> until <paramref name="opened"/> (a dialog) is visible, never while it already is.</summary>
    public static Task ClickUntilVisibleAsync(ILocator button, ILocator opened, int attempts = 4) =>
        ActUntilAsync(
            async () => { if (await opened.CountAsync() == 0) await button.ClickAsync(); },
            () => Assertions.Expect(opened).ToBeVisibleAsync(new() { Timeout = 10_000 }),
            attempts);
}
