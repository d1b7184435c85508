using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;

namespace GreenTierWorkflows.Cli;

/// <summary>Parsed options: positional arguments, repeated <c>--input Name=Value</c>, and single-valued flags.</summary>
public sealed class CommandLine
{
    private static readonly string[] ValueFlags = ["--input", "--db", "--bookmark", "--event", "--flowchart-mode", "--correlation-id", "--calendars"];

    public List<string> Positional { get; } = [];
    public JsonObject Inputs { get; } = new();
    public Dictionary<string, string> Flags { get; } = new(StringComparer.Ordinal);

    public string? Flag(string name) => Flags.GetValueOrDefault(name);

    public string RequireFlag(string name) => Flag(name) ?? throw new UsageException($"缺少参数 {name}。");

    public static CommandLine Parse(string[] args)
    {
        var result = new CommandLine();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var eq = arg.StartsWith("--", StringComparison.Ordinal) ? arg.IndexOf('=') : -1;
            var name = eq > 0 ? arg[..eq] : arg;
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                result.Positional.Add(arg);
                continue;
            }
            if (!ValueFlags.Contains(name)) throw new UsageException($"未知参数 {name}。");
            string value;
            if (eq > 0) value = arg[(eq + 1)..];
            else if (i + 1 < args.Length) value = args[++i];
            else throw new UsageException($"参数 {name} 缺少值。");

            if (name == "--input")
            {
                var sep = value.IndexOf('=');
                if (sep <= 0) throw new UsageException($"--input 需要 名称=值 的形式，收到 '{value}'。");
                result.Inputs[value[..sep]] = ParseValue(value[(sep + 1)..]);
            }
            else
            {
                result.Flags[name] = value;
            }
        }
        return result;
    }

    /// <summary>JSON when the text is valid JSON (numbers, booleans, objects), otherwise the text itself.</summary>
    public static JsonNode? ParseValue(string text)
    {
        try
        {
            var node = JsonNodes.Parse(text);
            return node ?? JsonValue.Create(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
