using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Activities;

namespace GreenTierWorkflows.Domain.Effects;

/// <summary><c>GreenTier.SendNotice</c>: a template for the users of a role, with extra model values.</summary>
public sealed record NoticeRequested(string? Template, string? Role, JsonNode? Model) : INominationEffect
{
    public static string Kind => EffectKinds.Notice;
}
