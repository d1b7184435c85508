using System.Text.Json.Nodes;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>The 现场核查 checklist of green-factory nominations (set by workflows/green-factory-nomination.json on the shared review path) as the tests answer it.</summary>
public static class OnSiteChecklist
{
    public const string Stage = "现场核查";

    /// <summary>The factory checklist's item codes, required ones first as the workflow lists them.</summary>
    public static readonly string[] FactoryCodes = ["JC-01", "GL-01", "NY-01", "CP-01", "HJ-01", "JX-01", "BG-01", "TS-01"];

    /// <summary>Every item of the factory checklist answered 符合 (what an approval with nothing found sends).</summary>
    public static JsonArray AllConform() => AllConform(FactoryCodes);

    /// <summary>Every item of the checklist a task shows (its <c>checklist</c>) answered 符合; null when it has none.</summary>
    public static JsonArray? AllConform(JsonObject task) =>
        task["checklist"] is JsonArray { Count: > 0 } items ? AllConform(items.Select(i => i!["code"]!.GetValue<string>())) : null;

    private static JsonArray AllConform(IEnumerable<string> codes) =>
        new(codes.Select(code => (JsonNode)new JsonObject { ["code"] = code, ["verdict"] = "符合", ["note"] = null }).ToArray());

    /// <summary>A multipart decision at 现场核查: an approval carries the checklist's answers (all 符合) as its <c>checklist</c> field.</summary>
    public static void AddTo(MultipartFormDataContent form, string outcome)
    {
        if (For(Stage, outcome) is { } answers) form.Add(new StringContent(answers.ToJsonString()), "checklist");
    }

    /// <summary>The answers a decision at <paramref name="stage"/> sends: all 符合 for an approval at 现场核查, else none.</summary>
    public static JsonArray? For(string stage, string outcome) => stage == Stage && outcome == "通过" ? AllConform() : null;
}
