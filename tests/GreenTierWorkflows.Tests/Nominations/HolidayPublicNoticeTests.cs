using GreenTierWorkflows.Domain.Nominations;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>
/// A city-tier 公示 of 5 working days started on Monday 2026-09-28 skips 国庆 (10/1–10/7) and counts the 调休 Saturday
/// 10/10: the nomination is listed only after 10/10, and the history states the period. Its own app (the clock moves).
/// </summary>
public sealed class HolidayPublicNoticeTests(NominationFixture app) : NominationSteps(app), IClassFixture<NominationFixture>
{
    [Fact]
    public async Task PublicNoticeOverNationalDay_EndsOnTheMakeUpSaturday()
    {
        App.AdvanceClock(new DateTimeOffset(2026, 9, 28, 2, 0, 0, TimeSpan.Zero) - App.Clock.GetUtcNow()); // Monday 9/28 10:00 CST
        var id = await SubmitNewAsync("shexian", "341021", "歙县国庆公示测试企业", Tier.City);
        await DecideAsync("city", id, "市级评审", "通过");
        await DecideAsync("verifier", id, "现场核查", "通过");

        var started = await WaitForAsync(async () => (await HistoryAsync("shexian", id)).FirstOrDefault(h => h!["action"]!.GetValue<string>() == "公示开始"));
        Assert.Contains("2026-09-28 至 2026-10-10", started!.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

        App.AdvanceClock(new DateTimeOffset(2026, 10, 10, 4, 0, 0, TimeSpan.Zero) - App.Clock.GetUtcNow()); // Saturday 10/10 12:00 CST, a working day
        await Task.Delay(500);
        Assert.Equal("InProgress", (await NominationAsync("shexian", id))["status"]!.GetValue<string>());

        App.AdvanceClock(TimeSpan.FromHours(12)); // 10/11 00:00 CST: the 公示 is over
        await WaitForAsync(async () => (await NominationAsync("shexian", id))["status"]!.GetValue<string>() == "Listed" ? "" : null);
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe) where T : class
    {
        for (var i = 0; i < 200; i++)
        {
            if (await probe() is { } found) return found;
            await Task.Delay(50);
        }
        Assert.Fail("Condition not reached after the fake clock advanced (10 s).");
        return null!;
    }
}
