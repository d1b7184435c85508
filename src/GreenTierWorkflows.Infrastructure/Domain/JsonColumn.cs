using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GreenTierWorkflows.Infrastructure.Domain;

/// <summary>
/// A list of small records kept as one JSON text column (the same on SQLite and PostgreSQL), compared by content so a
/// changed list is saved.
/// </summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static ValueConverter<List<T>, string> Converter<T>() => new(
        list => JsonSerializer.Serialize(list, Options),
        text => string.IsNullOrEmpty(text) ? new List<T>() : JsonSerializer.Deserialize<List<T>>(text, Options) ?? new List<T>());

    public static ValueComparer<List<T>> Comparer<T>() => new(
        (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
        list => JsonSerializer.Serialize(list, Options).GetHashCode(),
        list => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(list, Options), Options)!);
}
