using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace GreenTierWorkflows.Runtime.Bookmarks;

/// <summary>
/// Computes the stable bookmark hash of an activity type name plus its stimulus: SHA-256 over the name and the
/// payload's properties in ordinal key order, so property order and whitespace never change the hash.
/// Properties listed in <c>excluded</c> (Elsa's <c>[ExcludeFromHash]</c>) are left out.
/// </summary>
public static class StimulusHasher
{
    public static string Hash(string activityTypeName, JsonObject? stimulus, params string[] excluded)
    {
        var sb = new StringBuilder(activityTypeName);
        if (stimulus is not null)
        {
            sb.Append('|');
            WriteCanonical(sb, stimulus, excluded);
        }
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()));
        return Convert.ToHexString(bytes, 0, 16);
    }

    private static void WriteCanonical(StringBuilder sb, JsonNode? node, string[] excluded)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject o:
                sb.Append('{');
                foreach (var (k, v) in o.Where(kv => !excluded.Contains(kv.Key, StringComparer.OrdinalIgnoreCase)).OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    sb.Append(k).Append(':');
                    WriteCanonical(sb, v, []);
                    sb.Append(',');
                }
                sb.Append('}');
                break;
            case JsonArray a:
                sb.Append('[');
                foreach (var item in a)
                {
                    WriteCanonical(sb, item, []);
                    sb.Append(',');
                }
                sb.Append(']');
                break;
            default:
                sb.Append(node.ToJsonString());
                break;
        }
    }
}
