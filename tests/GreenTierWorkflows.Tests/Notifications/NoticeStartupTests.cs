using GreenTierWorkflows.Infrastructure.Notifications;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Tests.Notifications;

public sealed class NoticeStartupTests
{
    [Fact]
    public void WebHost_RefusesToStart_WhenANoticeTemplateDoesNotParse()
    {
        var templates = NoticeTestSupport.CopyTemplates();
        var data = Path.Combine(Path.GetTempPath(), "gtw-notice-startup-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        try
        {
            File.WriteAllText(Path.Combine(templates, "task-overdue.text.sbn"), "{{ recipient_name }}，您好：\n{{ for x in }}\n");
            using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
            {
                b.UseSetting("Data:Directory", data);
                b.UseSetting("Data:WorkflowsDirectory", RepoPaths.Workflows);
                b.UseSetting("Notices:TemplatesDirectory", templates);
                b.UseSetting("Notices:PollSeconds", "0");
                b.UseSetting("Scheduling:Provider", "InProcess");
            });

            var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

            Assert.Contains("task-overdue.text.sbn(2,", ex.ToString());
        }
        finally
        {
            Directory.Delete(templates, true);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void NoticeOptions_AreRefused_WhenTheRoundBudgetIsNotPositive(string seconds)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notices:RoundBudgetSeconds"] = seconds,
        }).Build();
        using var provider = new ServiceCollection().AddGreenTierNotices(config).BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<NoticeOptions>>().Value);
        Assert.Contains("RoundBudgetSeconds", ex.Message);
    }
}
