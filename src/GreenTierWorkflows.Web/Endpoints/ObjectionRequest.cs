using Microsoft.AspNetCore.Mvc;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>An objection received during the public notice (异议).</summary>
public sealed record ObjectionRequest(string? Content);
