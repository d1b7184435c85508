using System.Globalization;
using System.Text.RegularExpressions;
using GreenTierWorkflows.Application.Validation;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Application.Registry;

/// <summary>Field rules shared by the registry and the pools (formats, new ids, the district filter of lists, unique saves).</summary>
public static partial class RegistryRules
{
    [GeneratedRegex(@"^[A-T][0-9]{0,4}$")]
    internal static partial Regex IndustryPattern();

    [GeneratedRegex(@"^[0-9]{6}$")]
    internal static partial Regex PostalPattern();

    /// <summary>A new record id (32 hex digits).</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");

    internal static string Format(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The optional <c>district</c> filter of a list: null for all, else a known district code (or a field error).</summary>
    internal static string? DistrictFilter(FieldErrors errors, string? district) =>
        string.IsNullOrWhiteSpace(district) ? null : errors.District("district", district);

    /// <summary>Saves; a unique-index violation (a concurrent request won the race) becomes the same 409 as the pre-check.</summary>
    internal static async Task<DomainError?> SaveUniqueAsync(GreenTierDbContext db, Func<Task<DomainError?>> conflict, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await conflict() is { } refusal) return refusal;
            throw;
        }
    }
}
