using GreenTierWorkflows.Cli.Commands;

namespace GreenTierWorkflows.Cli;

/// <summary>The <c>gtw</c> command line: validate, run, resume and trigger Elsa 3 workflow definitions.</summary>
public static class GtwApp
{
    public const int Ok = 0, Invalid = 1, Usage = 2, Faulted = 3;

    public const string Help = """
        gtw — GreenTierWorkflows 工作流命令行（Elsa 3 定义）

        用法:
          gtw validate [PATH...]                       检查工作流文件（默认：workflows/ 下的全部 .json），有错误时退出码为 1
          gtw run FILE [--input 名称=值]... [--db FILE] [--flowchart-mode CounterBased|TokenBased]
                                                       运行定义直至结束或挂起，输出一个 JSON 对象
          gtw resume --db FILE --bookmark ID [--input 名称=值]...
                                                       恢复挂起的实例，输出同样的 JSON 对象
          gtw publish FILE... --db FILE                导入并发布定义（已发布的相同内容不会产生新版本）
          gtw trigger --db FILE --event NAME [--input 名称=值]... [--correlation-id ID]
                                                       投递 Elsa 事件，输出被恢复或启动的实例（JSON 数组）

        run/resume/trigger 按 calendars/ 下的节假日安排计算工作日（默认从当前目录向上查找 calendars，--calendars DIR 指定其他目录）。
        --input 的值若是合法 JSON（数字、true、{...}）按 JSON 解析，否则按字符串。
        退出码: 0 成功；1 定义有错误；2 用法错误；3 实例出错（Faulted）。
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            stdout.WriteLine(Help);
            return args.Length == 0 ? Usage : Ok;
        }
        try
        {
            var options = CommandLine.Parse(args.Skip(1).ToArray());
            return args[0] switch
            {
                "validate" => ValidateCommand.Run(options, stdout),
                "run" => await RunCommand.RunAsync(options, stdout),
                "resume" => await ResumeCommand.RunAsync(options, stdout),
                "trigger" => await TriggerCommand.RunAsync(options, stdout),
                "publish" => await PublishCommand.RunAsync(options, stdout),
                _ => throw new UsageException($"未知命令 '{args[0]}'。"),
            };
        }
        catch (UsageException ex)
        {
            stderr.WriteLine($"gtw: {ex.Message}");
            stderr.WriteLine("使用 gtw --help 查看用法。");
            return Usage;
        }
    }
}

/// <summary>Bad arguments; reported with usage help and exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
