using System.Reflection;

namespace GreenTierWorkflows.Tests.Architecture;

/// <summary>
/// The layers as the README's layout table states them, checked on the compiled assemblies: a reference that crosses a
/// layer the wrong way fails here with the assembly it should not have.
/// </summary>
public sealed class LayeringTests
{
    private static readonly Assembly Runtime = typeof(GreenTierWorkflows.Runtime.Execution.WorkflowRunner).Assembly;
    private static readonly Assembly Domain = typeof(GreenTierWorkflows.Domain.Refusals.DomainError).Assembly;
    private static readonly Assembly Application = typeof(GreenTierWorkflows.Application.ApplicationServiceCollectionExtensions).Assembly;

    private static IReadOnlyList<string> References(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).Order(StringComparer.Ordinal).ToList();

    private static void AssertNone(Assembly assembly, params string[] forbiddenPrefixes)
    {
        var offending = References(assembly).Where(r => forbiddenPrefixes.Any(p => r.StartsWith(p, StringComparison.Ordinal))).ToList();
        Assert.True(offending.Count == 0,
            $"{assembly.GetName().Name} must not reference {string.Join(", ", offending)} (all references: {string.Join(", ", References(assembly))}).");
    }

    [Fact]
    public void Runtime_KnowsNothingOfTheDomainHttpEfCoreOrHangfire() =>
        AssertNone(Runtime, "GreenTierWorkflows.Domain", "GreenTierWorkflows.Application", "GreenTierWorkflows.Infrastructure",
            "GreenTierWorkflows.Web", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Hangfire");

    [Fact]
    public void Domain_KnowsNoInfrastructureNorApplication() =>
        AssertNone(Domain, "GreenTierWorkflows.Application", "GreenTierWorkflows.Infrastructure", "GreenTierWorkflows.Web",
            "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Hangfire", "MailKit", "Scriban");

    [Fact]
    public void Application_KnowsNoHttpNoPagesAndNoScheduler() =>
        AssertNone(Application, "GreenTierWorkflows.Web", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Mvc",
            "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Routing", "Hangfire", "MailKit", "MudBlazor");

    [Fact]
    public void BusinessRules_LiveInTheApplicationLayer_NotInInfrastructure()
    {
        // Infrastructure stores, schedules and sends; a use case (a type named *Service with public async methods taking an
        // Official) found there is a rule in the wrong place.
        var infrastructure = typeof(GreenTierWorkflows.Infrastructure.Persistence.AppDatabase).Assembly;
        var misplaced = infrastructure.GetTypes()
            .Where(t => t.IsPublic && t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Any(m => m.GetParameters().Any(p => p.ParameterType == typeof(GreenTierWorkflows.Domain.Officials.Official))))
            .Select(t => t.FullName).ToList();
        Assert.True(misplaced.Count == 0, "Use cases taking an official belong in GreenTierWorkflows.Application: " + string.Join(", ", misplaced));
    }
}
