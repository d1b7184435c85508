namespace GreenTierWorkflows.Web.Components.Pages.Pools;

/// <summary>What an official does to one pool member: change the guidance notes, or exit it (with a reason).</summary>
public enum PoolMemberAction { Guidance, Exit }
