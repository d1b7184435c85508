using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;

namespace GreenTierWorkflows.Application.Tasks;

/// <summary>A file handed in with a decision (opened once, when it is stored).</summary>
public sealed record DecisionAttachment(string FileName, long Length, Func<Stream> Open);
