using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Effects;
using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Expressions;

namespace GreenTierWorkflows.Domain.Activities;

/// <summary><c>GreenTier.SetNominationStatus</c>: records the nomination's status and stage (and, when listed, the tier reached).</summary>
public sealed class SetNominationStatusActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new ActivityDescriptor("GreenTier.SetNominationStatus", GreenTierActivities.Category, "变更申报状态")
    {
        Description = "记录申报的状态与所处阶段；列入名单时同时记录层级。",
        Inputs =
        [
            InputDescriptor.Dropdown("Status", "String", Enum.GetValues<NominationStatus>().Select(v => (DomainText.Of(v), v.ToString())), nameof(NominationStatus.InProgress)) with { DisplayName = "状态", Order = 1 },
            new InputDescriptor("Stage", "String") { DisplayName = "阶段", Order = 2 },
            InputDescriptor.Dropdown("ListedTier", "String", [("（不适用）", ""), .. Enum.GetValues<Tier>().Select(t => (DomainText.Of(t), t.ToString()))], "") with { DisplayName = "列入层级", Description = "状态为 Listed 时填写。", Order = 3 },
            new InputDescriptor("Note", "String") { DisplayName = "说明", Order = 4 },
        ],
    };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Emit(new NominationStatusChanged(await context.GetTextAsync("Status"), await context.GetTextAsync("Stage"),
            await context.GetTextAsync("ListedTier"), await context.GetTextAsync("Note")));
        await context.CompleteAsync();
    }
}

/// <summary>
/// <c>GreenTier.PublicNotice</c>: a 公示 period of N working days (or calendar days). It announces the start and waits for
/// whichever comes first: the end of the period (a timer handed to the scheduler) → port 无异议, or an objection recorded
/// during it → port 有异议.
/// </summary>
public sealed class PublicNoticeActivity(WorkingDayCalendar calendar) : IActivity
{
    public const string TypeName = "GreenTier.PublicNotice";

    public ActivityDescriptor Descriptor { get; } = new ActivityDescriptor(TypeName, GreenTierActivities.Category, "公示")
    {
        Description = "公示若干个工作日（或自然日），期满后继续。",
        Inputs =
        [
            new InputDescriptor("Level", "String") { DisplayName = "公示层级", Description = "如 市级、省级、国家级。", Order = 1 },
            new InputDescriptor("Days", "Int32") { DisplayName = "公示天数", DefaultValue = 5, Order = 2 },
            new InputDescriptor("WorkingDays", "Boolean") { DisplayName = "按工作日计", UIHint = "checkbox", DefaultValue = true, Order = 3 },
        ],
        Outputs = [new OutputDescriptor("Objection", "String") { DisplayName = "异议内容" }],
        Ports = ActivityDescriptor.FlowPorts(NoObjection, Objected),
    };

    public const string NoObjection = "无异议";
    public const string Objected = "有异议";

    /// <summary>The stimulus an objection to a running 公示 is delivered with (narrowed to the nomination's instance).</summary>
    public static JsonObject ObjectionStimulus => new() { ["objection"] = true };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var days = (int)ValueConverter.ToDouble(await context.EvaluateInputAsync("Days") ?? 5);
        var working = await context.GetBooleanAsync("WorkingDays");
        var start = context.Workflow.Now;
        var end = working ? calendar.AddWorkingDays(start, days) : start.AddDays(days);
        var level = await context.GetTextAsync("Level") ?? "";
        context.Properties["level"] = level;
        context.CreateBookmark(new JsonObject { ["resumeAt"] = end.ToString("O") }, end, includeActivityInstanceId: true);
        context.CreateBookmark(ObjectionStimulus);
        context.Emit(new PublicNoticeStarted(level, days, working, start, end));
    }

    public ValueTask ResumeAsync(ActivityExecutionContext context, Bookmark bookmark)
    {
        var objected = bookmark.Payload?["objection"] is not null;
        var objection = objected ? context.Workflow.ResumeInput?["content"]?.GetValue<string>() : null;
        context.SetOutput("Objection", objection);
        context.Emit(new PublicNoticeEnded(context.Properties["level"]?.ToString(), context.Workflow.Now, objected ? 1 : 0, objection,
            context.Workflow.ResumeInput?["actorName"]?.ToString()));
        return context.CompleteAsync(objected ? Objected : NoObjection);
    }
}

/// <summary><c>GreenTier.SendNotice</c>: sends a notice (a template in templates/) to the users of a role in the nomination's district or city-wide.</summary>
public sealed class SendNoticeActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new ActivityDescriptor("GreenTier.SendNotice", GreenTierActivities.Category, "发送通知")
    {
        Description = "按模板向某一角色（申报所属区县或全市）发送邮件通知。",
        Inputs =
        [
            InputDescriptor.Dropdown("Template", "String", Notices.NoticeKinds.All, Notices.NoticeKinds.DecisionResult) with { DisplayName = "通知模板", Order = 1 },
            InputDescriptor.Dropdown("RecipientRole", "String", Officials.Roles.All.Take(4).Select(r => (Officials.Roles.DisplayName(r), r)), Officials.Roles.District) with { DisplayName = "收件角色", Order = 2 },
            new InputDescriptor("Model", "Object") { DisplayName = "模板数据（补充）", UIHint = "json-editor", Order = 3 },
        ],
    };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Emit(new NoticeRequested(await context.GetTextAsync("Template"), await context.GetTextAsync("RecipientRole"),
            ValueConverter.ToJson(await context.EvaluateInputAsync("Model"))));
        await context.CompleteAsync();
    }
}
