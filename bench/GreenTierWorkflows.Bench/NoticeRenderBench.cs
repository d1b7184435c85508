using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Infrastructure.Notifications;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Bench;

/// <summary>
/// Notice rendering throughput: the deadline-reminder template (subject, HTML and text bodies, each body in its layout) from the
/// repository's <c>templates/</c> with its sample model, as the dispatcher renders it (strict variables, file change check per part).
/// </summary>
internal static class NoticeRenderBench
{
    public const double Target = 20_000;

    public static async Task<NoticeRenderResult> RunAsync(string repoRoot, int count, int warmUp)
    {
        var options = Options.Create(new NoticeOptions { TemplatesDirectory = Path.Combine(repoRoot, "templates") });
        var catalog = new NoticeTemplateCatalog(options);
        catalog.LoadAll();
        var renderer = new NoticeRenderer(catalog, options);
        var model = NoticeSamples.For(NoticeKinds.DeadlineReminder);
        var sample = renderer.Render(NoticeKinds.DeadlineReminder, model);
        var chars = 0L;
        await Measure.WarmUpAsync(warmUp, _ => { chars += renderer.Render(NoticeKinds.DeadlineReminder, model).Html.Length; return Task.CompletedTask; });
        var loop = await Measure.LoopAsync(count, _ => { chars += renderer.Render(NoticeKinds.DeadlineReminder, model).Html.Length; return Task.CompletedTask; });
        GC.KeepAlive(chars);
        return new NoticeRenderResult(loop, sample.Subject.Length + sample.Html.Length + sample.Text.Length);
    }
}

internal sealed record NoticeRenderResult(LoopResult Loop, int OutputChars);
