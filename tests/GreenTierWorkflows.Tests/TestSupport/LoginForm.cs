using System.Net;
using System.Text.RegularExpressions;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>The sign-in page as a browser uses it: its antiforgery field, and a form post with it.</summary>
public static partial class LoginForm
{
    /// <summary>The antiforgery field (name, value) of a page rendered by the app.</summary>
    public static (string Name, string Value) Token(string page)
    {
        var match = AntiforgeryInput().Match(page);
        Assert.True(match.Success, page);
        return (match.Groups["name"].Value, WebUtility.HtmlDecode(match.Groups["value"].Value));
    }

    /// <summary>GETs the sign-in page and posts the form with its token; returns the answer and its body.</summary>
    public static async Task<(HttpResponseMessage Response, string Body)> PostAsync(HttpClient client, string user, string password)
    {
        var (name, value) = Token(await client.GetStringAsync("/account/login"));
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [name] = value, ["username"] = user, ["password"] = password, ["returnUrl"] = "/",
        }));
        return (response, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>__RequestVerificationToken[^\"]*)\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
