using System.Diagnostics;
using System.Net;

namespace GreenTierWorkflows.Tests.Accounts;

/// <summary><c>dotnet GreenTierWorkflows.Web.dll create-admin</c> as an operator runs it: a process on the app's own database.</summary>
public sealed class CreateAdminCommandTests
{
    private const string Strong = "Ops#Admin2027";

    [Fact]
    public async Task CreateAdmin_CreatesAnAdministratorWhoSignsIn_RefusesAWeakPassword_AndNeverPrintsThePassword()
    {
        await using var app = new AccountApp();
        Directory.CreateDirectory(app.DataDirectory);

        var weak = await RunAsync(app.DataDirectory, ["create-admin", "--user", "ops"], environmentPassword: "weakpass");
        Assert.True(weak.ExitCode == 1, weak.Output);
        Assert.Contains("密码不符合要求", weak.Output);
        Assert.DoesNotContain("weakpass", weak.Output);

        var usage = await RunAsync(app.DataDirectory, ["create-admin"], environmentPassword: Strong);
        Assert.True(usage.ExitCode == 2, usage.Output);

        var created = await RunAsync(app.DataDirectory, ["create-admin", "--user", "ops", "--display-name", "信息中心 运维"], standardInput: Strong);
        Assert.True(created.ExitCode == 0, created.Output);
        Assert.Contains("已创建系统管理员账号 ops", created.Output);
        Assert.DoesNotContain(Strong, created.Output);

        await app.StartAsync(AccountApp.Demo(false));
        using var ops = await app.BearerAsync("ops", Strong);
        var accounts = await ops.GetAsync("/api/accounts/ops");
        var body = await accounts.Content.ReadAsStringAsync();
        Assert.True(accounts.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains("信息中心 运维", body);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string dataDirectory, string[] args, string? environmentPassword = null, string? standardInput = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AppNode.WebAssembly);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["Data__Directory"] = dataDirectory;
        start.Environment["DOTNET_NOLOGO"] = "1";
        if (environmentPassword is not null) start.Environment["GTW_ADMIN_PASSWORD"] = environmentPassword;
        else start.Environment.Remove("GTW_ADMIN_PASSWORD");

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null) await process.StandardInput.WriteLineAsync(standardInput);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"create-admin did not exit within 3 minutes.\n{await stdout}\n{await stderr}");
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return (process.ExitCode, await stdout + await stderr);
    }
}
