using System.Text.Json;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Effects;
using GreenTierWorkflows.Domain.Stages;
using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Expressions;

namespace GreenTierWorkflows.Domain.Activities;

/// <summary>
/// <c>GreenTier.ReviewTask</c>: a human step. It opens a task for a role (in the nomination's district unless a jurisdiction
/// is given), waits for the decision, and continues on the port named by the chosen outcome (通过 / 退回修改 / 不通过 / 重新提交).
/// The task id is the bookmark id, so a decision resumes exactly this step, once.
/// </summary>
public sealed class ReviewTaskActivity : IActivity
{
    public const string TypeName = "GreenTier.ReviewTask";

    public ActivityDescriptor Descriptor { get; } = new ActivityDescriptor(TypeName, GreenTierActivities.Category, "人工审核任务")
    {
        Description = "为指定角色创建待办任务，等待其作出决定（通过、退回修改、不通过等），按结果分支。",
        Kind = ActivityKind.Task,
        Inputs =
        [
            new InputDescriptor("Title", "String") { DisplayName = "任务标题", Order = 1 },
            new InputDescriptor("Stage", "String") { DisplayName = "阶段", Description = "如 区县初审、市级评审、现场核查、市级推荐、省级评审。", Order = 2 },
            InputDescriptor.Dropdown("AssigneeRole", "String", Roles.All.Take(4).Select(r => (Roles.DisplayName(r), r)), Roles.CityReviewer) with { DisplayName = "办理角色", Order = 3 },
            new InputDescriptor("Jurisdiction", "String") { DisplayName = "辖区", Description = "行政区划代码表达式；留空表示申报所属区县。", Order = 4 },
            new InputDescriptor("DueDays", "Int32") { DisplayName = "办理期限（天）", DefaultValue = 10, Order = 5 },
            // Elsa's dynamic outcomes (as FlowFork's Branches): Studio draws one port per listed outcome on this node.
            new InputDescriptor("Outcomes", "String[]")
            {
                DisplayName = "可选结果", Description = "办理人可作出的决定，每项一个出口，如 通过、退回修改、不通过。",
                UIHint = DynamicOutcomeInputs.UIHint, DefaultSyntax = "Object", DefaultValue = DefaultOutcomes, Order = 6,
            },
            InputDescriptor.Dropdown("FormKey", "String", FormKeys.All, FormKeys.Review) with { DisplayName = "表单", Order = 7 },
            // Studio's JSON editor (a Literal holding the JSON text): the designer edits the items where the step is designed.
            new InputDescriptor("Checklist", "Object")
            {
                DisplayName = "核查表", UIHint = "json-editor", Order = 8,
                Description = "现场核查逐项填写的核查表，JSON 数组，每项 {\"code\":\"编号\",\"text\":\"核查内容\",\"required\":true}；必核项须全部作答且无「不符合」方可「通过」。留空表示无核查表。",
            },
        ],
        Outputs = [new OutputDescriptor("Outcome", "String") { DisplayName = "结果" }, new OutputDescriptor("Comment", "String") { DisplayName = "意见" }],
        Ports = ActivityDescriptor.FlowPorts(ReviewOutcomes.All),
        // A task dropped from the palette starts with the default outcomes (and so their ports) written in.
        ConstructionProperties = new JsonObject
        {
            ["outcomes"] = new JsonObject
            {
                ["typeName"] = "String[]", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = DefaultOutcomes }, ["memoryReference"] = null,
            },
        },
    };

    private const string DefaultOutcomes = "[\"通过\",\"退回修改\",\"不通过\"]";

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        // A JSON list (["通过","不通过"]) or, in versions saved before, comma-separated text (通过,不通过).
        var outcomes = (await context.GetListAsync("Outcomes")).Select(ValueConverter.ToText).OfType<string>()
            .SelectMany(text => text.Split([',', '，', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        var dueDays = ValueConverter.ToDouble(await context.EvaluateInputAsync("DueDays") ?? 10);
        var jurisdiction = await context.GetTextAsync("Jurisdiction");
        var input = context.Workflow.Input;
        var bookmark = context.CreateBookmark(new JsonObject { ["task"] = context.Id }, metadata: new JsonObject { ["kind"] = "review-task" });
        var dueAt = dueDays > 0 ? context.Workflow.Now.AddDays(dueDays) : (DateTimeOffset?)null;
        context.Emit(new ReviewTaskOpened(bookmark.Id,
            Title: await context.GetTextAsync("Title") ?? context.Activity.Name,
            Stage: await context.GetTextAsync("Stage") ?? "",
            Role: await context.GetTextAsync("AssigneeRole") ?? Roles.CityReviewer,
            District: string.IsNullOrWhiteSpace(jurisdiction) ? TextOf(input["district"]) : jurisdiction,
            Outcomes: outcomes.ToList(),
            FormKey: await context.GetTextAsync("FormKey") ?? FormKeys.Review,
            DueAt: dueAt,
            DefinitionId: context.Workflow.State.DefinitionId,
            Checklist: ChecklistItem.Parse(await context.GetTextAsync("Checklist"))));
    }

    public ValueTask ResumeAsync(ActivityExecutionContext context, Bookmark bookmark)
    {
        var decision = context.Workflow.ResumeInput ?? new JsonObject();
        var outcome = decision["outcome"]?.GetValue<string>() ?? ReviewOutcomes.Approve;
        var comment = decision["comment"]?.GetValue<string>();
        context.SetOutput("Outcome", outcome);
        context.SetOutput("Comment", comment);
        context.Emit(new ReviewTaskCompleted(bookmark.Id, outcome, comment, TextOf(decision["actorId"]), TextOf(decision["actorName"]),
            // The decision's files (material ids), stored pending: the effect confirms them with the decision.
            (decision["attachments"] as JsonArray ?? []).Select(TextOf).OfType<string>().ToList(),
            // The checklist's answers, checked by the application before it resumed the step.
            (decision["checklist"] as JsonArray)?.Deserialize<List<ChecklistAnswer>>(AnswerJson)));
        return context.CompleteAsync(outcome);
    }

    private static readonly JsonSerializerOptions AnswerJson = new(JsonSerializerDefaults.Web);

    /// <summary>A text value of the workflow's input (anything else is no value, as the applier always read it).</summary>
    private static string? TextOf(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
