using GreenTierWorkflows.Runtime.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

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
}
