using GreenTierWorkflows.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Web.Components.Shared;

/// <summary>
/// Officials as pages name them: by the display name of their account (「歙县经信局」), not their sign-in name; a name
/// with no account (a removed one, the system) stays as recorded. Looked up once per circuit.
/// </summary>
public sealed class OfficialNames(IServiceScopeFactory scopes)
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    public async Task<IReadOnlyDictionary<string, string>> DisplayNamesAsync(IEnumerable<string> userNames)
    {
        var missing = userNames.Where(n => !string.IsNullOrEmpty(n) && !_names.ContainsKey(n)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var found = await users.Users.AsNoTracking().Where(u => missing.Contains(u.UserName!))
                .Select(u => new { u.UserName, u.DisplayName }).ToListAsync();
            foreach (var name in missing)
                _names[name] = found.FirstOrDefault(u => u.UserName == name) is { DisplayName.Length: > 0 } user ? user.DisplayName : name;
        }
        return _names;
    }
}
