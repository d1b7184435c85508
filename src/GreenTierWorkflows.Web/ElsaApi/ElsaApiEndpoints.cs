namespace GreenTierWorkflows.Web.ElsaApi;

/// <summary>
/// The part of Elsa 3's REST API that Elsa Studio 3.8.2 calls, under <c>/elsa/api</c>. Every endpoint needs a
/// signed-in user (cookie or bearer) except <c>identity/login</c>; every change needs the "Designers" policy.
/// </summary>
public static class ElsaApiEndpoints
{
    public static IEndpointRouteBuilder MapElsaApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Hosting.AppServiceCollectionExtensions.ApiPrefix).RequireAuthorization();
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
