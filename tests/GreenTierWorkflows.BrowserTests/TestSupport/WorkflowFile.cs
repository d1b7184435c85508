using System.Text.Json.Nodes;

namespace GreenTierWorkflows.BrowserTests.TestSupport;

/// <summary>One workflows/*.json as the Studio tests expect to see it: file, definition id, name and root activity count.</summary>
public sealed record WorkflowFile(string FileName, string DefinitionId, string Name, int RootActivityCount)
{
    public static WorkflowFile Read(string path)
    {
        var json = JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty.");
        var fileName = Path.GetFileName(path);
        var definitionId = (string?)json["definitionId"] ?? (string?)json["id"] ?? Path.GetFileNameWithoutExtension(path);
        var name = (string?)json["name"] ?? definitionId;
        var activities = json["root"]?["activities"] as JsonArray;
        return new WorkflowFile(fileName, definitionId, name, activities?.Count ?? 0);
    }

    public override string ToString() => FileName;
}
