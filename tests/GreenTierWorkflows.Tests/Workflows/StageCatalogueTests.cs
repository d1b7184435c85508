using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Stages;
using GreenTierWorkflows.Runtime.Tests.TestSupport;

namespace GreenTierWorkflows.Tests.Workflows;

/// <summary>
/// Every stage and form key a workflow under workflows/ gives a <c>GreenTier.*</c> activity is in the Domain's catalogue
/// (<see cref="StageNames"/>, <see cref="FormKeys"/>), so code that names a stage or a form cannot drift from the data.
/// </summary>
public sealed class StageCatalogueTests
{
    [Fact]
    public void EveryStageAndFormKeyUsedByTheWorkflows_IsInTheCatalogue()
    {
        var files = Directory.GetFiles(RepoPaths.Workflows, "*.json").Order().ToList();
        Assert.NotEmpty(files);

        var used = files.SelectMany(f => Used(Path.GetFileName(f), JsonNode.Parse(File.ReadAllText(f)))).ToList();
        var gaps = Gaps(used);

        Assert.True(gaps.Count == 0, "不在 Domain/Stages 目录中的取值：\n" + string.Join("\n", gaps));
        // The walk really found the workflows' stages and forms (a broken walk would pass vacuously).
        Assert.Contains(used, u => u.Input == "stage" && u.Value == StageNames.CityReview);
        Assert.Contains(used, u => u.Input == "formKey" && u.Value == FormKeys.Recommendation);
    }

    [Fact]
    public void Gaps_NameTheFileAndTheValue_WhenAWorkflowUsesAnUncataloguedStageOrForm()
    {
        var workflow = JsonNode.Parse("""
            { "root": { "type": "Elsa.Flowchart", "activities": [
              { "type": "GreenTier.ReviewTask", "stage": { "expression": { "type": "Literal", "value": "区县复核" } },
                "formKey": { "expression": { "type": "Literal", "value": "appeal" } } },
              { "type": "GreenTier.SetNominationStatus", "stage": { "expression": { "type": "JavaScript", "value": "variables.stage" } } },
              { "type": "GreenTier.ReviewTask", "stage": { "expression": { "type": "Literal", "value": "市级评审" } } } ] } }
            """);

        var gaps = Gaps(Used("draft.json", workflow));

        Assert.Equal(
        [
            "draft.json: GreenTier.ReviewTask 的 stage「区县复核」",
            "draft.json: GreenTier.ReviewTask 的 formKey「appeal」",
            "draft.json: GreenTier.SetNominationStatus 的 stage 不是字面值（JavaScript: variables.stage），无法对照目录",
        ], gaps);
    }

    /// <summary>One stage or form key a workflow file gives a GreenTier activity (Expression: the expression type when not a literal).</summary>
    private sealed record Use(string File, string Activity, string Input, string? Value, string Expression);

    private static IEnumerable<Use> Used(string file, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"] is JsonValue t && t.TryGetValue<string>(out var type) && type.StartsWith("GreenTier.", StringComparison.Ordinal))
                    foreach (var input in new[] { "stage", "formKey" })
                        if (o[input] is JsonObject { } value && value["expression"] is JsonObject expression)
                            yield return new Use(file, type, input, expression["value"]?.ToString(), expression["type"]?.ToString() ?? "Literal");
                foreach (var child in o.Select(p => p.Value))
                    foreach (var use in Used(file, child)) yield return use;
                break;
            case JsonArray a:
                foreach (var item in a)
                    foreach (var use in Used(file, item)) yield return use;
                break;
        }
    }

    private static List<string> Gaps(IEnumerable<Use> used) => used
        .Select(u => u.Expression != "Literal"
            ? $"{u.File}: {u.Activity} 的 {u.Input} 不是字面值（{u.Expression}: {u.Value}），无法对照目录"
            : (u.Input == "stage" ? StageNames.IsKnown(u.Value) : FormKeys.IsKnown(u.Value)) ? null
            : $"{u.File}: {u.Activity} 的 {u.Input}「{u.Value}」")
        .OfType<string>()
        .Distinct()
        .ToList();
}
