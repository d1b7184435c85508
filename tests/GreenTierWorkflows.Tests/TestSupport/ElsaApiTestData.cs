using System.Text.Json.Nodes;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>Definition models as Studio sends them.</summary>
internal static class ElsaApiTestData
{
    public static string NewId() => Guid.NewGuid().ToString("N")[..16];

    /// <summary>A flowchart with one WriteLine (and a variable <c>Decision</c> of type String).</summary>
    public static JsonObject Model(string? definitionId, string name, string text = "hi", string rootType = "Elsa.Flowchart") => new()
    {
        ["definitionId"] = definitionId,
        ["id"] = null,
        ["name"] = name,
        ["description"] = null,
        ["toolVersion"] = "3.8.0.0",
        ["variables"] = new JsonArray(new JsonObject
        {
            ["id"] = "v1", ["name"] = "Decision", ["typeName"] = "String", ["isArray"] = false, ["value"] = null, ["storageDriverTypeName"] = null,
        }),
        ["inputs"] = new JsonArray(),
        ["outputs"] = new JsonArray(),
        ["outcomes"] = new JsonArray(),
        ["customProperties"] = new JsonObject(),
        ["isReadonly"] = false,
        ["options"] = null,
        ["root"] = new JsonObject
        {
            ["id"] = "fc1", ["type"] = rootType, ["version"] = 1, ["name"] = "Flowchart1", ["nodeId"] = "Workflow1:fc1",
            ["activities"] = new JsonArray(new JsonObject
            {
                ["id"] = "wl1", ["nodeId"] = "Workflow1:fc1:wl1", ["name"] = "WriteLine1", ["type"] = "Elsa.WriteLine", ["version"] = 1,
                ["text"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = text } },
                ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = 0, ["y"] = 0 } } },
            }),
            ["connections"] = new JsonArray(),
        },
        ["links"] = null,
        ["createdAt"] = "0001-01-01T00:00:00+00:00",
        ["version"] = 1,
        ["isLatest"] = true,
        ["isPublished"] = false,
    };

    public static string SaveBody(JsonObject model, bool? publish) =>
        new JsonObject { ["model"] = model.DeepClone(), ["publish"] = publish }.ToJsonString();
}
