namespace GreenTierWorkflows.Domain.Officials;

/// <summary>
/// A record that belongs to one district (区县/功能区) and is therefore subject to the jurisdiction rule
/// (<see cref="JurisdictionScope"/>): nominations, review tasks, listings, enterprises, parks and pool memberships.
/// </summary>
public interface IDistrictOwned
{
    /// <summary>The unit the record belongs to (GB/T 2260 code, or the high-tech zone's internal code).</summary>
    string DistrictCode { get; }
}
