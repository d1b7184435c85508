namespace GreenTierWorkflows.Web.Hosting;

/// <summary>Where the Elsa Studio npm package was installed (node_modules/@elsa-workflows/elsa-studio-wasm).</summary>
public sealed class StudioOptions
{
    public const string Section = "Studio";
    public string? PackagePath { get; set; }
}
