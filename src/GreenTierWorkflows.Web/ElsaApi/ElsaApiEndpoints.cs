namespace GreenTierWorkflows.Web.ElsaApi;

/// <summary>
/// The part of Elsa 3's REST API that Elsa Studio 3.8.2 calls, under <c>/elsa/api</c>. It is the designers' tool: every
/// endpoint needs the "Designers" policy (designer or administrator, cookie or bearer) except <c>identity/login</c> and
/// <c>identity/refresh-token</c>, which check credentials themselves. Other roles get 403: the instances, journals and
/// variables it shows span every district, so district officials and reviewers use the scoped <c>/api</c> instead.
/// </summary>
public static class ElsaApiEndpoints
{
    public static IEndpointRouteBuilder MapElsaApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Hosting.AppServiceCollectionExtensions.ApiPrefix).RequireAuthorization(ElsaApiSupport.DesignersPolicy);
        api.MapIdentity()
            .MapDescriptors()
            .MapWorkflowDefinitions()
            .MapWorkflowDefinitionCommands()
            .MapBulkActions()
            .MapScripting()
            .MapWorkflowInstances()
            .MapActivityExecutions()
            .MapEvents();
        return app;
    }
}
