namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>Why a listing is revoked (required).</summary>
public sealed record ListingRevokeRequest(string? Reason);
