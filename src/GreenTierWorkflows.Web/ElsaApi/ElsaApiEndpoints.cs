namespace GreenTierWorkflows.Web.ElsaApi;

/// <summary>The part of Elsa 3's REST API that Elsa Studio 3.8.2 calls, under <c>/elsa/api</c>.</summary>
public static class ElsaApiEndpoints
{
    public static IEndpointRouteBuilder MapElsaApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Hosting.AppServiceCollectionExtensions.ApiPrefix).RequireAuthorization();
        return app;
    }
}
