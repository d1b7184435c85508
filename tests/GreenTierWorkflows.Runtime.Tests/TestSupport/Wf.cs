using System.Text.Json.Nodes;

namespace GreenTierWorkflows.Runtime.Tests.TestSupport;

/// <summary>Builds Elsa 3 definition JSON for scenario tests, in the shape Studio writes.</summary>
public static class Wf
{
    private static int _counter;

    public static JsonObject Definition(string definitionId, JsonObject root, params JsonObject[] variables) => new()
    {
        ["id"] = definitionId + "-v1",
        ["definitionId"] = definitionId,
        ["name"] = definitionId,
        ["version"] = 1,
        ["toolVersion"] = "3.8.0.0",
        ["variables"] = new JsonArray(variables.Select(v => (JsonNode)v).ToArray()),
        ["inputs"] = new JsonArray(),
        ["outputs"] = new JsonArray(),
        ["outcomes"] = new JsonArray(),
        ["customProperties"] = new JsonObject(),
        ["isReadonly"] = false,
        ["isLatest"] = true,
        ["isPublished"] = false,
        ["root"] = root,
    };

    public static JsonObject Variable(string name, string typeName = "Object", JsonNode? value = null) =>
        new() { ["id"] = "var-" + name, ["name"] = name, ["typeName"] = typeName, ["isArray"] = false, ["value"] = value, ["storageDriverTypeName"] = null };

    public static JsonObject Flowchart(string id, JsonObject[] activities, params JsonObject[] connections) => new()
    {
        ["id"] = id,
        ["type"] = "Elsa.Flowchart",
        ["version"] = 1,
        ["name"] = id,
        ["activities"] = new JsonArray(activities.Select(a => (JsonNode)a).ToArray()),
        ["connections"] = new JsonArray(connections.Select(c => (JsonNode)c).ToArray()),
    };

    public static JsonObject Activity(string id, string type, params (string Name, JsonNode? Value)[] properties)
    {
        var a = new JsonObject { ["id"] = id, ["type"] = type, ["version"] = 1, ["name"] = id + (++_counter), ["customProperties"] = new JsonObject() };
        foreach (var (name, value) in properties) a[name] = value;
        return a;
    }

    public static JsonObject WriteLine(string id, JsonObject text) => Activity(id, "Elsa.WriteLine", ("text", text));
    public static JsonObject WriteLine(string id, string text) => WriteLine(id, Literal(text));

    public static JsonObject Connection(string source, string target, string port = "Done") => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
        ["vertices"] = new JsonArray(),
    };

    public static JsonObject Expression(string type, JsonNode? value, string typeName = "Object") =>
        new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = type, ["value"] = value }, ["memoryReference"] = null };

    public static JsonObject Literal(JsonNode? value, string typeName = "String") => Expression("Literal", value, typeName);
    public static JsonObject Js(string code, string typeName = "Object") => Expression("JavaScript", code, typeName);
    public static JsonObject Liquid(string template) => Expression("Liquid", template, "String");
    public static JsonObject Object(string json, string typeName = "Object") => Expression("Object", json, typeName);

    public static JsonObject VariableRef(string name) => new() { ["id"] = "var-" + name, ["name"] = name, ["typeName"] = "Object" };

    public static JsonObject SetVariable(string id, string variable, JsonObject value) =>
        Activity(id, "Elsa.SetVariable", ("variable", VariableRef(variable)), ("value", value));

    public static JsonObject OutputTo(string variable, string typeName = "Object") =>
        new() { ["typeName"] = typeName, ["memoryReference"] = new JsonObject { ["id"] = "var-" + variable } };
}
