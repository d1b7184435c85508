using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using GreenTierWorkflows.Web.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace GreenTierWorkflows.Tests.Web;

/// <summary>
/// MudBlazor's built-in texts (pager buttons and their aria labels, close buttons, validation messages) are Simplified Chinese
/// through <see cref="ChineseMudLocalizer"/>, also when the server's UI culture is English, and every text of the installed
/// MudBlazor has a translation with the same placeholders (a MudBlazor upgrade that adds a text fails here).
/// </summary>
public sealed partial class MudTextsInChineseTests
{
    [Fact]
    public void PagerAndCloseTexts_AreChinese_EvenUnderAnEnglishUiCulture()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMudServices().AddChineseMudLocalization();
        using var provider = services.BuildServiceProvider();
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
            var localizer = provider.GetRequiredService<ILocalizationInterceptor>(); // what MudBlazor's components ask
            Assert.Equal("下一页", localizer.Handle("MudTablePager_NextPage").Value);
            Assert.Equal("上一页", localizer.Handle("MudTablePager_PreviousPage").Value);
            Assert.Equal("第 1–20 条，共 300 条", localizer.Handle("MudDataGridPager_InfoFormat", 1, 20, 300).Value);
            Assert.Equal("每页条数：", localizer.Handle("MudDataGridPager_RowsPerPage").Value);
            Assert.Equal("当前第 3 页", localizer.Handle("MudPagination_CurrentPage", 3).Value);
            Assert.Equal("关闭", localizer.Handle("MudDialog_Close").Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void EveryMudBlazorText_HasAChineseTranslation_WithTheSamePlaceholders()
    {
        var english = new ResourceManager("MudBlazor.Resources.LanguageResource", typeof(MudLocalizer).Assembly)
            .GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        var problems = new List<string>();
        var count = 0;
        foreach (DictionaryEntry entry in english)
        {
            count++;
            var key = (string)entry.Key;
            if (!ChineseMudLocalizer.Texts.TryGetValue(key, out var chinese)) { problems.Add($"{key}: no translation (English: {entry.Value})"); continue; }
            var expected = Placeholders(entry.Value as string ?? "");
            var actual = Placeholders(chinese);
            if (!expected.SetEquals(actual)) problems.Add($"{key}: placeholders {string.Join(",", actual)} but MudBlazor passes {string.Join(",", expected)}");
            if (AsciiWord().IsMatch(chinese)) problems.Add($"{key}: still English: {chinese}");
        }
        Assert.True(count > 100, $"MudBlazor's resource set has only {count} texts: did its resource name change?");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static HashSet<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex("[A-Za-z]{3,}")]
    private static partial Regex AsciiWord();
}
