namespace GreenTierWorkflows.Domain.Nominations;

/// <summary>申报类型.</summary>
public enum NominationType { GreenFactory, GreenPark, GreenSupplyChain }

/// <summary>目标层级 / 名单层级, ordered city → province → nation.</summary>
public enum Tier { City = 1, Province = 2, National = 3 }

/// <summary>评价方式.</summary>
public enum EvaluationMode { SelfEvaluation, ThirdParty }

/// <summary>Where a nomination is in its life.</summary>
public enum NominationStatus
{
    /// <summary>草稿: being prepared by the district.</summary>
    Draft,
    /// <summary>办理中: its workflow is running.</summary>
    InProgress,
    /// <summary>退回修改: returned to the district for revision.</summary>
    Returned,
    /// <summary>已列入名单 at the target tier.</summary>
    Listed,
    /// <summary>未通过 at some stage.</summary>
    Rejected,
    /// <summary>已撤回 by the district before a decision.</summary>
    Withdrawn,
}

public static class DomainText
{
    public static string Of(NominationType t) => t switch
    {
        NominationType.GreenFactory => "绿色工厂",
        NominationType.GreenPark => "绿色工业园区",
        NominationType.GreenSupplyChain => "绿色供应链管理企业",
        _ => t.ToString(),
    };

    public static string Of(Tier t) => t switch { Tier.City => "市级", Tier.Province => "省级", Tier.National => "国家级", _ => t.ToString() };

    public static string Of(EvaluationMode m) => m == EvaluationMode.ThirdParty ? "第三方评价" : "自评价";

    public static string Of(NominationStatus s) => s switch
    {
        NominationStatus.Draft => "草稿",
        NominationStatus.InProgress => "办理中",
        NominationStatus.Returned => "退回修改",
        NominationStatus.Listed => "已列入名单",
        NominationStatus.Rejected => "未通过",
        NominationStatus.Withdrawn => "已撤回",
        _ => s.ToString(),
    };

    /// <summary>The workflow definition that carries nominations of a type (a file in workflows/).</summary>
    public static string WorkflowOf(NominationType t) => t switch
    {
        NominationType.GreenFactory => "green-factory-nomination",
        NominationType.GreenPark => "green-park-nomination",
        _ => "green-supply-chain-nomination",
    };
}
