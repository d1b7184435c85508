namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>Nominations at a step now, its open tasks and how many of them are overdue (one district's cell).</summary>
public sealed record StageCount(int Now, int Waiting, int Overdue)
{
    public static readonly StageCount None = new(0, 0, 0);
}
