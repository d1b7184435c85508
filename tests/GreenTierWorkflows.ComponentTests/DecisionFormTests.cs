using Bunit;
using GreenTierWorkflows.Web.Components.Shared;

namespace GreenTierWorkflows.ComponentTests;

public sealed class DecisionFormTests : MudContext
{
    private static readonly string[] ReviewOutcomes = ["通过", "退回修改", "不通过"];
    private const string Subject = "黄山测试新材料有限公司（歙县 · 2026 年度市级绿色工厂）";
    private readonly List<TaskDecision> _decisions = [];

    private IRenderedComponent<DecisionForm> RenderForm(IReadOnlyList<string> outcomes, bool busy = false, string? serverError = null) =>
        Render<DecisionForm>(p => p
            .Add(f => f.Outcomes, outcomes)
            .Add(f => f.Subject, Subject)
            .Add(f => f.Busy, busy)
            .Add(f => f.ServerError, serverError)
            .Add(f => f.OnDecide, d => _decisions.Add(d)));

    /// <summary>Clicks an outcome and answers the confirmation that follows (confirms unless told otherwise).</summary>
    private void Decide(IRenderedComponent<DecisionForm> form, string outcome, bool confirm = true)
    {
        var before = _decisions.Count;
        form.Find($"button[data-testid='outcome-{outcome}']").Click();
        Dialogs.WaitForElement(confirm ? "[data-testid=confirm-ok]" : "[data-testid=confirm-cancel]").Click();
        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-testid=confirm-question]")));
        if (confirm) form.WaitForAssertion(() => Assert.Equal(before + 1, _decisions.Count));
    }

    private static string[] ButtonTexts(IRenderedComponent<DecisionForm> form) =>
        form.FindAll("button[data-testid^='outcome-']").Select(b => b.TextContent.Trim()).ToArray();

    [Fact]
    public void Buttons_AreTheTasksOutcomesInWorkflowOrder()
    {
        Assert.Equal(ReviewOutcomes, ButtonTexts(RenderForm(ReviewOutcomes)));
        Assert.Equal(["重新提交"], ButtonTexts(RenderForm(["重新提交"])));
    }

    [Theory]
    [InlineData("退回修改")]
    [InlineData("不通过")]
    public void Deciding_WithoutComment_ShowsTheErrorAtTheCommentAndRaisesNothing(string outcome)
    {
        var form = RenderForm(ReviewOutcomes);

        form.Find($"button[data-testid='outcome-{outcome}']").Click();

        Assert.Empty(_decisions);
        var field = form.Find("[data-testid=decision-form] .mud-input-control");
        Assert.Contains($"选择「{outcome}」时必须填写意见", field.TextContent);
        Assert.Contains("mud-input-error", form.Find("[data-testid=decision-form] .mud-input").ClassList);
    }

    [Fact]
    public void Returning_WithComment_RaisesTheDecisionWithTheTrimmedComment()
    {
        var form = RenderForm(ReviewOutcomes);

        form.Find("textarea").Change("  缺少近三年能耗数据  ");
        Decide(form, "退回修改");

        var decision = Assert.Single(_decisions);
        Assert.Equal("退回修改", decision.Outcome);
        Assert.Equal("缺少近三年能耗数据", decision.Comment);
        Assert.Empty(decision.Attachments);
    }

    [Theory]
    [InlineData("通过")]
    [InlineData("重新提交")]
    public void ApprovingOrResubmitting_NeedsNoComment(string outcome)
    {
        var form = RenderForm([outcome, "不通过"]);

        Decide(form, outcome);

        var decision = Assert.Single(_decisions);
        Assert.Equal(outcome, decision.Outcome);
        Assert.Null(decision.Comment);
    }

    [Fact]
    public void CommentError_ClearsOnceACommentIsGiven()
    {
        var form = RenderForm(ReviewOutcomes);
        form.Find("button[data-testid='outcome-不通过']").Click();
        Assert.Contains("必须填写意见", form.Markup);

        form.Find("textarea").Change("现场核查发现能耗数据不实。");
        Decide(form, "不通过");

        Assert.Single(_decisions);
        Assert.DoesNotContain("mud-input-error", form.Find("[data-testid=decision-form] .mud-input").ClassList);
    }

    [Fact]
    public void Deciding_AsksFirst_NamingTheDecisionTheNominationAndTheComment_AndSendsNothingWhenCancelled()
    {
        var form = RenderForm(ReviewOutcomes);
        form.Find("textarea").Change("现场核查发现能耗数据不实。");

        form.Find("button[data-testid='outcome-不通过']").Click();

        Assert.Equal("确定作出『不通过』决定？", Dialogs.WaitForElement("[data-testid=confirm-question]").TextContent.Trim());
        Assert.Equal(Subject, Dialogs.Find("[data-testid=confirm-subject]").TextContent.Trim());
        Assert.Equal("现场核查发现能耗数据不实。", Dialogs.Find("[data-testid=confirm-comment]").TextContent.Trim());
        Assert.Equal("（无）", Dialogs.Find("[data-testid=confirm-attachments]").TextContent.Trim());
        Assert.Contains("提交后不可撤回", Dialogs.Markup);
        Assert.Empty(_decisions);

        Dialogs.Find("[data-testid=confirm-cancel]").Click();
        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-testid=confirm-question]")));
        Assert.Empty(_decisions);

        Decide(form, "不通过");
        Assert.Equal("不通过", Assert.Single(_decisions).Outcome);
    }

    [Fact]
    public void HelperText_NamesTheOutcomesThatNeedAComment()
    {
        var form = RenderForm(ReviewOutcomes);
        Assert.Contains("选择「退回修改」「不通过」时必须填写意见", form.Markup);
        Assert.DoesNotContain("必须填写意见", RenderForm(["通过"]).Markup);
    }

    [Fact]
    public void WhileBusy_EveryOutcomeButtonIsDisabled_AndAServerErrorIsShown()
    {
        var form = RenderForm(ReviewOutcomes, busy: true, serverError: "任务已被办理，不能重复办理。");

        Assert.All(form.FindAll("button[data-testid^='outcome-']"), b => Assert.True(b.HasAttribute("disabled")));
        Assert.Equal("任务已被办理，不能重复办理。", form.Find("[data-testid=decision-error]").TextContent.Trim());
    }

    [Fact]
    public void NeedsComment_IsFalseOnlyForApprovalAndResubmission()
    {
        Assert.False(TaskDecision.NeedsComment("通过"));
        Assert.False(TaskDecision.NeedsComment("重新提交"));
        Assert.True(TaskDecision.NeedsComment("退回修改"));
        Assert.True(TaskDecision.NeedsComment("不通过"));
        Assert.True(TaskDecision.NeedsComment("无异议以外的任何结果"));
    }
}
