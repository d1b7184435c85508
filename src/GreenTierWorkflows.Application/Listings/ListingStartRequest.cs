namespace GreenTierWorkflows.Application.Listings;

/// <summary>The year of an annual report or a triennial review to start for a listing.</summary>
public sealed record ListingStartRequest(int Year);
