using GreenTierWorkflows.Web.Hosting;
using Microsoft.Net.Http.Headers;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>
/// A PDF served for the in-page preview: <c>Content-Disposition: inline</c> with its Chinese file name, and framable by
/// the app's own pages only (the preview dialog's iframe). The caller has already read it under the download's rules.
/// </summary>
internal static class InlinePdf
{
    public const string ContentType = "application/pdf";

    public static IResult Of(HttpContext http, byte[] content, string fileName)
    {
        SecurityHeaders.AllowSameOriginFraming(http);
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileNameStar = fileName }.ToString();
        return TypedResults.File(content, ContentType);
    }
}
