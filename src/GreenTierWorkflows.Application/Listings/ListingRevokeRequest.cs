namespace GreenTierWorkflows.Application.Listings;

/// <summary>Why a listing is revoked (required).</summary>
public sealed record ListingRevokeRequest(string? Reason);
