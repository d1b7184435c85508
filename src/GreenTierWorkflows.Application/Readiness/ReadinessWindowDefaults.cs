using GreenTierWorkflows.Application.Windows;

namespace GreenTierWorkflows.Application.Readiness;

/// <summary>The configured default windows (<c>DeclarationWindows:Defaults</c>), used for a round whose windows are not stored yet.</summary>
public sealed record ReadinessWindowDefaults(IReadOnlyList<DeclarationWindowDefault> Defaults);
