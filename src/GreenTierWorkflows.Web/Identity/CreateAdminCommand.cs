using System.Text;
using GreenTierWorkflows.Application.Accounts;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Web.Identity;

/// <summary>
/// <c>dotnet GreenTierWorkflows.Web.dll create-admin --user NAME [--display-name 名称]</c>: creates an administrator in the
/// app's database (same settings as the web host: <c>Data:*</c>, connection strings) and exits without starting the
/// web server. The password comes from <c>GTW_ADMIN_PASSWORD</c>, else from standard input (typed without echo at a
/// terminal, or the first line of a pipe); it is never printed or logged. Exit codes: 0 created, 1 refused, 2 usage.
/// </summary>
public static class CreateAdminCommand
{
    public const string Name = "create-admin";
    public const string PasswordVariable = "GTW_ADMIN_PASSWORD";

    /// <summary>True when <paramref name="args"/> asked for the command (it has then run and set the exit code).</summary>
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] != Name) return false;
        Environment.ExitCode = await RunAsync(app.Services, args[1..]);
        return true;
    }

    private static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var user = Option(args, "--user");
        if (string.IsNullOrWhiteSpace(user))
        {
            Console.Error.WriteLine($"用法：dotnet GreenTierWorkflows.Web.dll {Name} --user 用户名 [--display-name 名称]（密码取自环境变量 {PasswordVariable}，或从标准输入读取）");
            return 2;
        }
        var password = Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : ReadPassword();
        if (string.IsNullOrEmpty(password))
        {
            Console.Error.WriteLine($"未提供密码：请设置环境变量 {PasswordVariable}，或从标准输入输入密码。");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        await sp.GetRequiredService<GreenTierDbContext>().Database.MigrateAsync();
        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        var created = await sp.GetRequiredService<AccountService>().CreateAdministratorAsync(user, password, Option(args, "--display-name"), $"系统（命令行 {Name}）");
        if (!created.Ok)
        {
            Console.Error.WriteLine($"未创建管理员账号：{created.Error!.Message}");
            return 1;
        }
        Console.WriteLine($"已创建系统管理员账号 {created.Value!.UserName}，可以登录了。");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    /// <summary>A line from standard input; at a terminal it is typed without echo.</summary>
    private static string? ReadPassword()
    {
        if (Console.IsInputRedirected) return Console.In.ReadLine();
        Console.Write("新管理员的密码：");
        var typed = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace) { if (typed.Length > 0) typed.Length--; }
            else if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
        }
        Console.WriteLine();
        return typed.ToString();
    }
}
