using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;

namespace GreenTierWorkflows.Application.Windows;

/// <summary>One default window (section <c>DeclarationWindows:Defaults</c>): month-day dates in China Standard Time.</summary>
public sealed class DeclarationWindowDefault
{
    public NominationType Type { get; set; }
    public Tier Tier { get; set; }
    /// <summary>"MM-dd" or "MM-dd HH:mm".</summary>
    public string Opens { get; set; } = "06-11";
    public string Closes { get; set; } = "06-30";
    public string DistrictDeadline { get; set; } = "07-08";
    public List<int> ReminderOffsetsDays { get; set; } = [7, 3, 1];
    public int PublicNoticeWorkingDays { get; set; } = 5;
}
