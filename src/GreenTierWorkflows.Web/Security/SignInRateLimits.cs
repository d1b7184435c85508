using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;
using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Infrastructure.Audit;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Web.Security;

/// <summary>
/// ASP.NET Core's rate limiter on the sign-in endpoints (<see cref="SignInEndpointMetadata"/>): a fixed window per
/// client address chained with one per account name, both from <see cref="SignInProtectionOptions"/>. Every other
/// request passes unlimited. A refused attempt is a 429 with <c>Retry-After</c> and a Chinese message (the sign-in page
/// again for the form, a problem for the API), recorded in the audit.
/// </summary>
public static class SignInRateLimits
{
    private static readonly object AccountKey = new();
    private const int MaxJsonBytes = 64 * 1024;

    public static void Configure(RateLimiterOptions options)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignIn(context)
                ? RateLimitPartition.GetFixedWindowLimiter("address:" + ClientAddress.Of(context), _ => Window(context, s => s.PermitsPerAddress))
                : RateLimitPartition.GetNoLimiter("")),
            PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignIn(context) && AccountName(context) is { Length: > 0 } name
                ? RateLimitPartition.GetFixedWindowLimiter("account:" + SignInAccount.Normalize(name), _ => Window(context, s => s.PermitsPerAccount))
                : RateLimitPartition.GetNoLimiter("")));
        options.OnRejected = OnRejectedAsync;
    }

    /// <summary>
    /// Reads the account name of a sign-in request before the limiter runs (the limiter's partition is chosen
    /// synchronously): the form field, or the JSON property, with the body kept for the endpoint.
    /// </summary>
    public static async Task CaptureAccountAsync(HttpContext context, RequestDelegate next)
    {
        if (IsSignIn(context))
        {
            var name = (await ReadAccountAsync(context.Request, context.RequestAborted) ?? "").Trim();
            context.Items[AccountKey] = name.Length > SignInAccount.MaxLength ? name[..SignInAccount.MaxLength] : name;
        }
        await next(context);
    }

    private static bool IsSignIn(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.GetEndpoint()?.Metadata.GetMetadata<SignInEndpointMetadata>() is not null;

    /// <summary>The account name the sign-in request names (trimmed, as typed).</summary>
    private static string? AccountName(HttpContext context) => context.Items.TryGetValue(AccountKey, out var value) ? value as string : null;

    private static FixedWindowRateLimiterOptions Window(HttpContext context, Func<SignInProtectionOptions, int> permits)
    {
        var settings = context.RequestServices.GetRequiredService<IOptions<SignInProtectionOptions>>().Value;
        return new FixedWindowRateLimiterOptions { PermitLimit = permits(settings), Window = settings.Window, QueueLimit = 0, AutoReplenishment = true };
    }

    private static async Task<string?> ReadAccountAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            if (request.HasFormContentType)
                return (await request.ReadFormAsync(ct))[SignInEndpointMetadata.AccountField].ToString();
            if (request.ContentLength is > MaxJsonBytes) return null;
            request.EnableBuffering();
            try
            {
                using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
                if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
                foreach (var property in document.RootElement.EnumerateObject())
                    if (property.Name.Equals(SignInEndpointMetadata.AccountField, StringComparison.OrdinalIgnoreCase) &&
                        property.Value.ValueKind == JsonValueKind.String)
                        return property.Value.GetString();
                return null;
            }
            finally
            {
                request.Body.Position = 0;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or IOException or BadHttpRequestException)
        {
            return null; // the endpoint answers the malformed request; the address limit still applies
        }
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var settings = context.RequestServices.GetRequiredService<IOptions<SignInProtectionOptions>>().Value;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : settings.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        var name = AccountName(context);
        await context.RequestServices.GetRequiredService<IAuditLog>().RecordAsync(
            new AuditRecord(AuditActions.SignInThrottled, name, $"{context.Request.Path}：登录尝试过于频繁，{seconds} 秒后可再试。", Succeeded: false)
            {
                ActorName = name,
                ClientAddress = ClientAddress.Of(context),
            }, ct);

        var message = $"登录尝试过于频繁，请 {seconds} 秒后再试。";
        if (context.Request.Path.StartsWithSegments("/account"))
        {
            var returnUrl = context.Request.HasFormContentType ? context.Request.Form["returnUrl"].ToString() : null;
            await GreenTierWorkflows.Web.Account.AccountPages.LoginPage(context, returnUrl, message, StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
            return;
        }
        await Results.Problem(message, statusCode: StatusCodes.Status429TooManyRequests, title: "请求过于频繁").ExecuteAsync(context);
    }
}
