using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Registry;

namespace GreenTierWorkflows.Application.Nominations;

/// <summary>
/// Who is applying, as a reviewer needs it beside the nomination: the enterprise's or park's registry record (one of
/// the two; neither when the record was removed) and every listing it has had, newest first, revoked ones included.
/// </summary>
public sealed record ApplicantProfile(Enterprise? Enterprise, IndustrialPark? Park, IReadOnlyList<Listing> Listings);
