using GreenTierWorkflows.Domain.Officials;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>
/// The signed-in official as a handler parameter (<c>SignedInOfficial who</c>): bound by <see cref="BindAsync"/> through
/// <see cref="CurrentOfficial.GetAsync"/>, and passed on wherever an <see cref="Official"/> is expected. Only for endpoints
/// that require authorization.
/// </summary>
public sealed class SignedInOfficial(Official official)
{
    public Official Official { get; } = official;

    /// <summary>Minimal-API binding: the official of the request (cached for the request).</summary>
    public static async ValueTask<SignedInOfficial?> BindAsync(HttpContext context) => new(await CurrentOfficial.GetAsync(context));

    public static implicit operator Official(SignedInOfficial who) => who.Official;
}
