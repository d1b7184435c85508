using System.Diagnostics;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Expressions;

namespace GreenTierWorkflows.Bench;

/// <summary>
/// The cost of one expression evaluation as the nomination review path pays it on every decision: the JavaScript
/// conditions and the checklist input, and the Liquid task titles, against an input shaped like a nomination's
/// (its fields, a 12-item on-site checklist and the decision merged over it). CPU time of this thread, so a busy
/// machine slows the wall clock but not the figure.
/// </summary>
internal static class ExpressionBench
{
    public static readonly (string Language, string Expression)[] Cases =
    [
        ("JavaScript", "getInput('targetTier') === 'City'"),
        ("JavaScript", "getInput('onSiteChecklist')"),
        ("JavaScript", "variables.Score = (variables.Score || 0) + 1; return variables.Score > 1"),
        ("Liquid", "{{ Input.applicantName }}：市级评审"),
    ];

    public static async Task<IReadOnlyList<ExpressionResult>> RunAsync(int evaluations)
    {
        var results = new List<ExpressionResult>();
        IExpressionEvaluator js = new JavaScriptEvaluator(), liquid = new LiquidEvaluator();
        foreach (var (language, expression) in Cases)
        {
            var evaluator = language == "JavaScript" ? js : liquid;
            var node = JsonValue.Create(expression);
            var scope = new BenchScope();
            for (var i = 0; i < Math.Max(200, evaluations / 10); i++) await evaluator.EvaluateAsync(node, scope); // JIT and caches
            GC.Collect();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes(true);
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < evaluations; i++) await evaluator.EvaluateAsync(node, scope);
            watch.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            results.Add(new ExpressionResult(language, expression, evaluations, watch.Elapsed.TotalMicroseconds / evaluations,
                cpu.TotalMicroseconds / evaluations, (GC.GetTotalAllocatedBytes(true) - allocatedBefore) / (double)evaluations));
        }
        return results;
    }

    /// <summary>A scope with a nomination's input and three workflow variables.</summary>
    private sealed class BenchScope : IExpressionScope
    {
        private readonly Dictionary<string, object?> _variables = new(StringComparer.Ordinal)
        {
            ["Score"] = 0L, ["Decision"] = "Approve", ["Reviewers"] = new JsonArray("张伟", "李娜"),
        };

        public string WorkflowInstanceId => "bench-instance";
        public string? CorrelationId { get; set; } = "nomination-1";
        public IEnumerable<string> VariableNames => _variables.Keys;
        public bool TryGetVariable(string nameOrId, out object? value) => _variables.TryGetValue(nameOrId, out value);
        public void SetVariable(string nameOrId, object? value) => _variables[nameOrId] = value;

        public JsonObject Input { get; } = new()
        {
            ["nominationId"] = "01JBENCHNOMINATION000000001", ["applicantName"] = "黄山绿色制造示范有限公司", ["creditCode"] = "91341000MA2N000001",
            ["districtCode"] = "341021", ["districtName"] = "歙县", ["type"] = "GreenFactory", ["targetTier"] = "City", ["year"] = 2026,
            ["industry"] = "茶叶加工", ["contact"] = "王芳", ["phone"] = "0559-1234567",
            ["onSiteChecklist"] = new JsonArray(Enumerable.Range(1, 12).Select(i => (JsonNode)new JsonObject
            {
                ["key"] = $"item{i}", ["label"] = $"核查要点 {i}：能源计量器具配备与台账", ["required"] = i % 3 != 0,
            }).ToArray()),
            ["outcome"] = "Approve", ["comment"] = "材料齐全，同意进入现场核查。", ["decidedBy"] = "city-reviewer",
        };
    }
}

internal sealed record ExpressionResult(string Language, string Expression, int Evaluations, double WallMicroseconds, double CpuMicroseconds, double BytesEach);
