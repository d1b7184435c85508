using GreenTierWorkflows.Domain.Windows;
using GreenTierWorkflows.Domain.Nominations;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>申报窗口 over HTTP: everyone reads, administrators create and edit, bad dates are refused and change nothing.</summary>
[Collection(NominationCollection.Name)]
public sealed class WindowEndpointTests(NominationFixture app) : NominationSteps(app)
{
    private static JsonObject Window(string opens, string closes, string deadline) => new()
    {
        ["year"] = 2030, ["type"] = "GreenFactory", ["tier"] = "Province", ["opensAt"] = opens, ["closesAt"] = closes,
        ["districtDeadline"] = deadline, ["reminderOffsetsDays"] = new JsonArray(3, 7, 1), ["publicNoticeWorkingDays"] = 5,
    };

    private Task<string> WindowsAsync() => App.QueryAsync(async db =>
        string.Join("|", (await db.DeclarationWindows.AsNoTracking().ToListAsync()).OrderBy(w => w.Id).Select(w => $"{w.Id}:{w.OpensAt:O}:{w.ClosesAt:O}:{w.Revision}")));

    [Fact]
    public async Task Windows_AreEditedByAdministratorsOnly_AndBadDatesChangeNothing()
    {
        var admin = await App.ClientAsync("admin");
        var before = await WindowsAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.ClientAsync("shexian")).PostAsJsonAsync("/api/windows", Window("2030-06-11T00:00:00+08:00", "2030-06-30T00:00:00+08:00", "2030-07-08T00:00:00+08:00"))).StatusCode);
        var bad = Window("2030-06-30T00:00:00+08:00", "2030-06-11T00:00:00+08:00", "2030-06-01T00:00:00+08:00");
        bad["reminderOffsetsDays"] = new JsonArray(0, 3);
        var refused = await ReadAsync(await admin.PostAsJsonAsync("/api/windows", bad), HttpStatusCode.BadRequest);
        Assert.Contains("关闭时间必须晚于开启时间", refused["errors"]!["closesAt"]![0]!.GetValue<string>());
        Assert.Contains("区县报送截止时间必须晚于开启时间", refused["errors"]!["districtDeadline"]![0]!.GetValue<string>());
        Assert.Contains("1–60", refused["errors"]!["reminderOffsetsDays"]![0]!.GetValue<string>());
        Assert.Equal(before, await WindowsAsync());

        var created = await ReadAsync(await admin.PostAsJsonAsync("/api/windows", Window("2030-06-11T00:00:00+08:00", "2030-06-30T00:00:00+08:00", "2030-07-08T00:00:00+08:00")), HttpStatusCode.Created);
        Assert.Equal([7, 3, 1], created["reminderOffsetsDays"]!.AsArray().Select(d => d!.GetValue<int>()));
        var duplicate = await ReadAsync(await admin.PostAsJsonAsync("/api/windows", Window("2030-06-11T00:00:00+08:00", "2030-06-30T00:00:00+08:00", "2030-07-08T00:00:00+08:00")), HttpStatusCode.Conflict);
        Assert.Contains("2030 年度省级绿色工厂申报窗口已存在", duplicate["detail"]!.GetValue<string>());

        var id = created["id"]!.GetValue<string>();
        var moved = await ReadAsync(await admin.PutAsJsonAsync($"/api/windows/{id}", new { closesAt = "2030-07-05T00:00:00+08:00", revision = 0 }), HttpStatusCode.OK);
        Assert.Equal(1, moved["revision"]!.GetValue<long>());
        var stale = await ReadAsync(await admin.PutAsJsonAsync($"/api/windows/{id}", new { closesAt = "2030-07-06T00:00:00+08:00", revision = 0 }), HttpStatusCode.Conflict);
        Assert.Contains("已被他人修改", stale["detail"]!.GetValue<string>());

        var seen = await (await App.ClientAsync("shexian")).GetFromJsonAsync<JsonObject>("/api/windows?year=2030");
        var window = Assert.Single(seen!["items"]!.AsArray())!;
        Assert.Equal(("省级", new DateTimeOffset(2030, 7, 5, 0, 0, 0, TimeSpan.FromHours(8))), (window["tierName"]!.GetValue<string>(), window["closesAt"]!.GetValue<DateTimeOffset>()));
        Assert.False(window["acceptsSubmissions"]!.GetValue<bool>());
    }

    [Fact]
    public async Task NextYearsWindows_AreSetUpFromTheYearBefore_ByAdministratorsOnly_AndOnce()
    {
        // Years of their own (2034 → 2035): the collection's other tests use the fixture's years.
        const string Copy = "/api/windows/years/2035/from-previous";
        var opens = new DateTimeOffset(2034, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));
        foreach (var tier in new[] { Tier.City, Tier.Province })
            await App.WithDbAsync(db => db.DeclarationWindows.Add(new DeclarationWindow
            {
                Id = $"w-2034-park-{tier}", Year = 2034, Type = NominationType.GreenPark, Tier = tier, OpensAt = opens,
                ClosesAt = opens.AddDays(60), DistrictDeadline = opens.AddDays(45), ReminderOffsetsDays = [10, 2],
                PublicNoticeWorkingDays = 7, UpdatedAt = NominationFixture.Now,
            }));
        await App.WithDbAsync(db => db.DeclarationWindows.Add(new DeclarationWindow
        {
            Id = "w-2035-park-City", Year = 2035, Type = NominationType.GreenPark, Tier = Tier.City, OpensAt = opens.AddYears(1),
            ClosesAt = opens.AddYears(1).AddDays(30), DistrictDeadline = opens.AddYears(1).AddDays(20), UpdatedAt = NominationFixture.Now,
        }));
        var before = await WindowsAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.ClientAsync("shexian")).PostAsync(Copy, null)).StatusCode);
        Assert.Equal(before, await WindowsAsync());

        var admin = await App.ClientAsync("admin");
        using var response = await admin.PostAsync(Copy, null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var created = Assert.Single(JsonNode.Parse(body)!.AsArray())!; // the 2035 city window exists already and is left alone
        Assert.Equal(("省级", 2035), (created["tierName"]!.GetValue<string>(), created["year"]!.GetValue<int>()));

        // Same dates one year later (China time), same reminders and 公示 length.
        var copy = await App.QueryAsync(db =>
            db.DeclarationWindows.AsNoTracking().SingleAsync(w => w.Year == 2035 && w.Type == NominationType.GreenPark && w.Tier == Tier.Province));
        Assert.Equal(new DateTimeOffset(2035, 3, 1, 9, 0, 0, TimeSpan.FromHours(8)), copy.OpensAt);
        Assert.Equal(opens.AddDays(45).AddYears(1), copy.DistrictDeadline);
        Assert.Equal([10, 2], copy.ReminderOffsetsDays);
        Assert.Equal(7, copy.PublicNoticeWorkingDays);
        Assert.Equal(opens.AddYears(1).AddDays(30), (await App.QueryAsync(db => db.DeclarationWindows.AsNoTracking().SingleAsync(w => w.Id == "w-2035-park-City"))).ClosesAt);

        var again = await WindowsAsync();
        var refused = await ReadAsync(await admin.PostAsync(Copy, null), HttpStatusCode.Conflict);
        Assert.Contains("2035 年度已设置 2034 年度有的全部申报窗口", refused["detail"]!.GetValue<string>());
        var nothingBefore = await ReadAsync(await admin.PostAsync("/api/windows/years/2041/from-previous", null), HttpStatusCode.Conflict);
        Assert.Contains("2040 年度没有申报窗口可参照", nothingBefore["detail"]!.GetValue<string>());
        Assert.Equal(again, await WindowsAsync());
    }
}
