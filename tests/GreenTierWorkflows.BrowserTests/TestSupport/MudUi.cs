using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests.TestSupport;

/// <summary>Driving MudBlazor controls the way an official does: open a select and pick an option by its text.</summary>
public static class MudUi
{
    /// <summary>Opens the MudSelect marked with <paramref name="testId"/> and picks the option showing <paramref name="optionText"/>.</summary>
    public static async Task SelectAsync(IPage page, string testId, string optionText)
    {
        await page.Locator($"[data-testid='{testId}']").First.ClickAsync();
        var option = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = optionText }).First;
        await option.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>Opens the MudSelect and picks its first option (or its last); returns the option's text.</summary>
    public static async Task<string> SelectFirstAsync(IPage page, string testId, bool last = false)
    {
        await page.Locator($"[data-testid='{testId}']").First.ClickAsync();
        var options = page.Locator(".mud-popover-open .mud-list-item");
        var option = last ? options.Last : options.First;
        var text = (await option.InnerTextAsync()).Trim();
        await option.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        return text;
    }

    /// <summary>A minimal valid PDF (the app checks the %PDF header and the .pdf name).</summary>
    /// <summary>
    /// Answers the confirmation an irreversible step asks for (确认提交), after checking it names what is done, and waits
    /// for the dialog to close.
    /// </summary>
    public static async Task ConfirmAsync(IPage page, string question)
    {
        var dialog = page.Locator("[data-testid=confirm-question]");
        await Assertions.Expect(dialog).ToContainTextAsync(question);
        await page.Locator("[data-testid=confirm-ok]").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Hands <paramref name="files"/> to a Blazor file input once the app is listening to it: Blazor's InputFile wires the
    /// element by script just after it renders (it then carries <c>_blazorInputFileNextFileId</c>), and a file handed to it
    /// before that is never seen by the app — on a busy machine that gap is long enough for a test to fall into.
    /// </summary>
    public static async Task SetFilesWhenWiredAsync(ILocator input, params FilePayload[] files)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(BrowserSession.Timeout);
        while (!await input.EvaluateAsync<bool>("e => e._blazorInputFileNextFileId !== undefined"))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The file input was never wired up by Blazor's InputFile script.");
            await Task.Delay(100);
        }
        await input.SetInputFilesAsync(files);
    }

    public static FilePayload Pdf(string name) => new()
    {
        Name = name,
        MimeType = "application/pdf",
        Buffer = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray(),
    };

    /// <summary>
    /// True when the page's font renders CJK glyphs: two different characters drawn on a canvas must differ (missing
    /// glyphs all draw as the same empty box, "tofu").
    /// </summary>
    public static Task<bool> RendersChineseAsync(IPage page) => page.EvaluateAsync<bool>("""
        () => {
          const font = getComputedStyle(document.body).fontFamily;
          const draw = ch => {
            const c = document.createElement('canvas'); c.width = 40; c.height = 40;
            const g = c.getContext('2d'); g.font = '32px ' + font; g.fillText(ch, 2, 32);
            return Array.from(g.getImageData(0, 0, 40, 40).data).join(',');
          };
          const a = draw('绿'), b = draw('审'), box = draw('\u{10FFFD}');
          return a !== b && a !== box && b !== box;
        }
        """);
}
