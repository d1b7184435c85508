using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Descriptors.Specialized;
using Jint.Runtime.Interop;

namespace GreenTierWorkflows.Runtime.Expressions;

/// <summary>
/// JavaScript expressions on Jint, with Elsa's globals: <c>getVariable</c>/<c>setVariable</c>, <c>variables.X</c>,
/// generated <c>getX()</c>/<c>setX(v)</c> accessors per variable, <c>getInput(name)</c> and <c>input</c>.
/// Scripts may <c>return</c> at top level, as in Elsa. Runaway scripts are stopped by the memory, statement, time,
/// recursion and array-size limits of <see cref="JavaScriptLimits"/>; each becomes a Chinese <see cref="ExpressionException"/>.
/// </summary>
public sealed class JavaScriptEvaluator(JavaScriptLimits? limits = null) : IExpressionEvaluator
{
    private static readonly ConcurrentDictionary<string, Prepared<Script>> Scripts = new(StringComparer.Ordinal);

    private readonly JavaScriptLimits _limits = limits ?? new JavaScriptLimits();

    public string Type => "JavaScript";
    public string DisplayName => "JavaScript";
    public string? MonacoLanguage => "javascript";

    public ValueTask<object?> EvaluateAsync(JsonNode? expression, IExpressionScope scope) =>
        RunScriptAsync(ValueConverter.ToText(ValueConverter.FromJson(expression)), scope);

    /// <summary>
    /// Runs a script with the same globals and limits as an expression, plus what <paramref name="configure"/> adds to the
    /// engine (e.g. <c>Elsa.RunJavaScript</c>'s <c>setOutcome</c>); answers the script's completion value.
    /// </summary>
    public ValueTask<object?> RunScriptAsync(string? code, IExpressionScope scope, Action<Engine>? configure = null)
    {
        if (string.IsNullOrWhiteSpace(code)) return ValueTask.FromResult<object?>(null);

        Prepared<Script> script;
        try
        {
            script = Scripts.GetOrAdd(code, static c => Engine.PrepareScript(c, options: new ScriptPreparationOptions
            {
                ParsingOptions = new ScriptParsingOptions { AllowReturnOutsideFunction = true },
            }));
        }
        catch (Exception ex)
        {
            throw new ExpressionException($"JavaScript 语法错误：{ex.Message}", ex);
        }

        var engine = new Engine(Configure);
        var variables = InstallGlobals(engine, scope);
        configure?.Invoke(engine);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            if (_limits.MemoryLimitBytes > 0) InstallStringGuards(engine, _limits.MemoryLimitBytes);
            var result = engine.Evaluate(script);
            // A script's last call is not followed by a statement check: charge what it allocated here.
            if (_limits.MemoryLimitBytes > 0 && GC.GetAllocatedBytesForCurrentThread() - allocatedBefore > _limits.MemoryLimitBytes)
                throw new ExpressionException(MemoryLimitMessage);
            SyncVariablesBack(engine, scope, variables);
            return ValueTask.FromResult(ToRuntime(result));
        }
        catch (JavaScriptException ex)
        {
            throw new ExpressionException($"JavaScript 执行出错：{ex.Error}（第 {ex.Location.Start.Line} 行）", ex);
        }
        catch (MemoryLimitExceededException ex) when (ex.Message.Contains("array size", StringComparison.OrdinalIgnoreCase))
        {
            throw new ExpressionException($"JavaScript 执行被中止：数组长度超出上限 {_limits.MaxArraySize:N0}。", ex);
        }
        catch (MemoryLimitExceededException ex)
        {
            throw new ExpressionException(MemoryLimitMessage, ex);
        }
        catch (StatementsCountOverflowException ex)
        {
            throw new ExpressionException($"JavaScript 执行被中止：语句数超出上限 {_limits.MaxStatements:N0} 条（可能是死循环）。", ex);
        }
        catch (TimeoutException ex)
        {
            throw new ExpressionException($"JavaScript 执行被中止：运行时间超出上限 {_limits.Timeout.TotalSeconds:0.###} 秒。", ex);
        }
        catch (RecursionDepthOverflowException ex)
        {
            throw new ExpressionException($"JavaScript 执行被中止：函数调用嵌套超出上限 {_limits.MaxRecursion} 层。", ex);
        }
        catch (Exception ex) when (ex is not ExpressionException)
        {
            throw new ExpressionException($"JavaScript 执行出错：{ex.Message}", ex);
        }
    }

    private string MemoryLimitMessage => $"JavaScript 执行被中止：内存占用超出上限 {_limits.MemoryLimitBytes:N0} 字节。";

    /// <summary>The engine's constraints from the limits; zero leaves a constraint out.</summary>
    private void Configure(Options options)
    {
        options.Strict(false);
        if (_limits.MemoryLimitBytes > 0) options.LimitMemory(_limits.MemoryLimitBytes);
        if (_limits.MaxStatements > 0) options.MaxStatements(_limits.MaxStatements);
        if (_limits.Timeout > TimeSpan.Zero) options.TimeoutInterval(_limits.Timeout);
        if (_limits.MaxRecursion > 0) options.LimitRecursion(_limits.MaxRecursion);
        options.Constraints.MaxArraySize = _limits.MaxArraySize > 0 ? (uint)_limits.MaxArraySize : uint.MaxValue;
    }

    /// <summary>
    /// Makes <c>repeat</c>, <c>padStart</c> and <c>padEnd</c> refuse a result larger than the memory limit before building
    /// it: Jint checks its memory limit between statements, after such a single call has already allocated. Native
    /// functions, so an evaluation pays three property writes for them, not a script run.
    /// </summary>
    private static void InstallStringGuards(Engine engine, long limit)
    {
        var prototype = (ObjectInstance)((ObjectInstance)engine.GetValue("String")).Get("prototype");
        Guard("repeat", (s, args) => s.Length * TypeConverter.ToNumber(args.At(0)));
        Guard("padStart", (_, args) => TypeConverter.ToNumber(args.At(0)));
        Guard("padEnd", (_, args) => TypeConverter.ToNumber(args.At(0)));

        void Guard(string name, Func<string, JsValue[], double> resultLength)
        {
            var original = (Jint.Native.Function.Function)prototype.Get(name);
            var guarded = new ClrFunction(engine, name, (self, args) =>
            {
                if (resultLength(TypeConverter.ToString(self), args) * 2 > limit)
                    throw new JavaScriptException(engine.Construct("RangeError", $"字符串长度超出内存上限 {limit} 字节"));
                return original.Call(self, args);
            }, 1);
            prototype.DefineOwnProperty(name, new PropertyDescriptor(guarded, writable: true, enumerable: false, configurable: true));
        }
    }

    /// <summary>
    /// Elsa's globals as native functions (no delegate wrapping per evaluation). <c>input</c> and each of
    /// <c>variables.X</c> are converted to JavaScript when a script first reads them, so an expression such as
    /// <c>getInput('targetTier') === 'City'</c> does not pay for converting the whole input. Answers the values read, for
    /// <see cref="SyncVariablesBack"/>.
    /// </summary>
    private static Dictionary<string, JsValue> InstallGlobals(Engine engine, IExpressionScope scope)
    {
        void Function(string name, int length, Func<JsValue[], JsValue> body) =>
            engine.SetValue(name, new ClrFunction(engine, name, (_, args) => body(args), length));
        static string? Text(JsValue value) => value.IsNull() || value.IsUndefined() ? null : TypeConverter.ToString(value);
        JsValue Variable(string name) => scope.TryGetVariable(name, out var v) ? ToJs(engine, v) : JsValue.Undefined;

        Function("getVariable", 1, args => Variable(Text(args.At(0))!));
        Function("setVariable", 2, args => { scope.SetVariable(Text(args.At(0))!, ToRuntime(args.At(1))); return JsValue.Undefined; });
        Function("getInput", 1, args => ToJs(engine, ValueConverter.FromJson(Definitions.JsonNodes.GetAny(scope.Input, Text(args.At(0))!))));
        Function("getWorkflowInstanceId", 0, _ => new JsString(scope.WorkflowInstanceId));
        Function("getCorrelationId", 0, _ => scope.CorrelationId is { } id ? new JsString(id) : JsValue.Null);
        Function("setCorrelationId", 1, args => { scope.CorrelationId = Text(args.At(0)); return JsValue.Undefined; });
        Function("isNullOrWhiteSpace", 1, args => string.IsNullOrWhiteSpace(Text(args.At(0))) ? JsBoolean.True : JsBoolean.False);
        Function("isNullOrEmpty", 1, args => string.IsNullOrEmpty(Text(args.At(0))) ? JsBoolean.True : JsBoolean.False);
        Lazy(engine.Global, "input", () => ToJs(engine, scope.Input));

        var read = new Dictionary<string, JsValue>(StringComparer.Ordinal);
        var variablesObject = new JsObject(engine);
        foreach (var name in scope.VariableNames)
        {
            var captured = name;
            Lazy(variablesObject, name, () => read[captured] = Variable(captured));
            if (IsIdentifier(name))
            {
                Function($"get{captured}", 0, _ => Variable(captured));
                Function($"set{captured}", 1, args => { scope.SetVariable(captured, ToRuntime(args.At(0))); return JsValue.Undefined; });
            }
        }
        engine.SetValue("variables", variablesObject);
        return read;
    }

    /// <summary>
    /// A property converted on first read and kept (so a script sees one object however often it reads it); assigning
    /// replaces it with a plain value, as for any data property.
    /// </summary>
    private static void Lazy(ObjectInstance target, string name, Func<JsValue> convert)
    {
        var engine = target.Engine;
        ClrFunction? getter = null;
        getter = new ClrFunction(engine, "get " + name, (_, _) =>
        {
            var value = convert();
            target.DefineOwnProperty(name, new PropertyDescriptor(value, writable: true, enumerable: true, configurable: true));
            return value;
        }, 0);
        var setter = new ClrFunction(engine, "set " + name, (_, args) =>
        {
            target.DefineOwnProperty(name, new PropertyDescriptor(args.At(0), writable: true, enumerable: true, configurable: true));
            return JsValue.Undefined;
        }, 1);
        target.DefineOwnProperty(name, new GetSetPropertyDescriptor(getter, setter, enumerable: true, configurable: true));
    }

    /// <summary>Assignments such as <c>variables.Score = 90</c> write back to the workflow variables.</summary>
    private static void SyncVariablesBack(Engine engine, IExpressionScope scope, Dictionary<string, JsValue> snapshot)
    {
        if (engine.GetValue("variables") is not ObjectInstance obj) return;
        foreach (var (key, descriptor) in obj.GetOwnProperties())
        {
            if (descriptor.IsAccessorDescriptor()) continue; // never read nor assigned: unchanged
            var name = key.ToString();
            var value = descriptor.Value;
            if (snapshot.TryGetValue(name, out var before) && ReferenceEquals(before, value)) continue;
            scope.SetVariable(name, ToRuntime(value));
        }
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');

    /// <summary>Converts a runtime value into a JavaScript value (objects become plain JS objects, not wrappers).</summary>
    public static JsValue ToJs(Engine engine, object? value) => value switch
    {
        null => JsValue.Null,
        string s => new JsString(s),
        bool b => b ? JsBoolean.True : JsBoolean.False,
        long l => new JsNumber(l),
        int i => new JsNumber(i),
        double d => new JsNumber(d),
        decimal m => new JsNumber((double)m),
        JsonObject o => ObjectToJs(engine, o),
        JsonArray a => new JsArray(engine, a.Select(x => ToJs(engine, ValueConverter.FromJson(x))).ToArray()),
        JsonValue v => ToJs(engine, ValueConverter.FromJson(v)),
        TimeSpan or DateTimeOffset or DateTime => new JsString(ValueConverter.ToText(value)!),
        _ => JsValue.FromObject(engine, value),
    };

    private static JsObject ObjectToJs(Engine engine, JsonObject o)
    {
        var obj = new JsObject(engine);
        foreach (var (k, v) in o) obj.Set(k, ToJs(engine, ValueConverter.FromJson(v)));
        return obj;
    }

    /// <summary>Converts a JavaScript value into the runtime's value model (objects and arrays become JSON).</summary>
    public static object? ToRuntime(JsValue value)
    {
        switch (value.Type)
        {
            case Types.Undefined or Types.Null or Types.Empty: return null;
            case Types.Boolean: return value.AsBoolean();
            case Types.String: return value.AsString();
            case Types.Number:
                var d = value.AsNumber();
                return double.IsFinite(d) && d == Math.Floor(d) && Math.Abs(d) < 9e15 ? (long)d : d;
        }
        if (value.IsDate()) return new DateTimeOffset(value.AsDate().ToDateTime());
        if (value.IsArray())
        {
            var arr = value.AsArray();
            var result = new JsonArray();
            for (uint i = 0; i < arr.Length; i++) result.Add(ValueConverter.ToJson(ToRuntime(arr.Get(i))));
            return result;
        }
        if (value is Jint.Runtime.Interop.IObjectWrapper wrapper) return ValueConverter.ToJson(wrapper.Target);
        if (value is ObjectInstance obj && value is not Jint.Native.Function.Function)
        {
            var result = new JsonObject();
            foreach (var (key, descriptor) in obj.GetOwnProperties())
            {
                if (!descriptor.Enumerable || key.IsSymbol()) continue;
                result[key.ToString()] = ValueConverter.ToJson(ToRuntime(descriptor.Value));
            }
            return result;
        }
        return value.ToString();
    }
}
