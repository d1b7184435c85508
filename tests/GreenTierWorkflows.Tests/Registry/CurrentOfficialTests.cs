using System.Security.Claims;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Infrastructure.Identity;
using GreenTierWorkflows.Web.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.Registry;

public abstract class CurrentOfficialTests(RegistryFixture fx)
{
    [Theory]
    [InlineData("shexian", "歙县经信局", Roles.District, "341021")]
    [InlineData("city", "市经信局评审员", Roles.CityReviewer, null)]
    public async Task GetAsync_ReadsSignInClaims_WhenPrincipalComesFromSignIn(string userName, string displayName, string role, string? jurisdiction)
    {
        using var scope = fx.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        var principal = await signIn.CreateUserPrincipalAsync(user);

        var fromClaims = CurrentOfficial.FromClaims(principal);
        Assert.NotNull(fromClaims);
        var official = await CurrentOfficial.GetAsync(new DefaultHttpContext { User = principal, RequestServices = scope.ServiceProvider });

        foreach (var o in new[] { fromClaims, official })
        {
            Assert.Equal(user.Id, o.UserId);
            Assert.Equal(userName, o.UserName);
            Assert.Equal(displayName, o.DisplayName);
            Assert.Equal([role], o.Roles);
            Assert.Equal(jurisdiction, o.Jurisdiction);
        }
    }

    [Fact]
    public async Task GetAsync_LoadsUser_WhenPrincipalPredatesOfficialClaims()
    {
        using var scope = fx.Factory.Services.CreateScope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync("tunxi"))!;
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, "tunxi")], "Test"));
        Assert.Null(CurrentOfficial.FromClaims(principal));

        var official = await CurrentOfficial.GetAsync(new DefaultHttpContext { User = principal, RequestServices = scope.ServiceProvider });

        Assert.Equal("341002", official.Jurisdiction);
        Assert.True(official.IsInRole(Roles.District));
        Assert.False(official.CanSeeDistrict("341021"));
    }

    [Fact]
    public async Task GetAsync_Throws_WhenNotSignedIn()
    {
        using var scope = fx.Factory.Services.CreateScope();
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            CurrentOfficial.GetAsync(new DefaultHttpContext { RequestServices = scope.ServiceProvider }));
    }
}

[Collection(RegistryCollection.Name)]
public sealed class SqliteCurrentOfficialTests(RegistryFixture fx) : CurrentOfficialTests(fx);

/// <summary>The same tests with the app on PostgreSQL (scale-out mode).</summary>
[Collection(PostgreSqlRegistryCollection.Name)]
public sealed class PostgreSqlCurrentOfficialTests(PostgreSqlRegistryFixture fx) : CurrentOfficialTests(fx);
