using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Infrastructure.Notifications;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using GreenTierWorkflows.Tests.TestSupport;

namespace GreenTierWorkflows.Tests.Notifications;

/// <summary>
/// Every notice kind rendered from its fixed sample (<see cref="NoticeSamples"/>) must equal the reviewed text kept in
/// <c>Notifications/Golden/</c>: subject, plain text and HTML. A wording change in <c>templates/</c> is thereby a visible
/// diff in review. After reviewing a change on purpose, run the tests once with <c>GTW_UPDATE_GOLDEN=1</c> to rewrite
/// the files, and read the diff before committing it.
/// </summary>
public sealed class NoticeGoldenTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "GreenTierWorkflows.Tests", "Notifications", "Golden");

    public static TheoryData<string> Kinds() => new(NoticeKinds.All);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void RenderedNotice_IsTheReviewedText(string kind)
    {
        var rendered = NoticeTestSupport.Renderer().Render(kind, NoticeSamples.For(kind));
        Compare($"{kind}.subject.txt", rendered.Subject + "\n");
        Compare($"{kind}.txt", rendered.Text);
        Compare($"{kind}.html", rendered.Html);
    }

    [Fact]
    public void EveryGoldenFile_BelongsToAKnownNoticeKind()
    {
        var known = NoticeKinds.All.SelectMany(k => new[] { $"{k}.subject.txt", $"{k}.txt", $"{k}.html" }).ToHashSet(StringComparer.Ordinal);
        var stray = Directory.EnumerateFiles(Folder).Select(Path.GetFileName).Where(f => !known.Contains(f!)).ToList();
        Assert.True(stray.Count == 0, "Golden files of no notice kind (remove them): " + string.Join(", ", stray));
    }

    private static void Compare(string file, string actual) => GoldenFile.Compare(Folder, file, actual);
}
