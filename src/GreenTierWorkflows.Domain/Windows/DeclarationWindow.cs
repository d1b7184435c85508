using GreenTierWorkflows.Domain.Nominations;

namespace GreenTierWorkflows.Domain.Windows;

/// <summary>
/// 申报窗口: the period in which districts file nominations of one type for one tier in one year, the district→city
/// deadline (late filings refused), reminder offsets and the 公示 length. Dates drift each year, so all are data.
/// </summary>
public sealed class DeclarationWindow
{
    public string Id { get; set; } = "";
    public int Year { get; set; }
    public NominationType Type { get; set; }
    public Tier Tier { get; set; }
    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    /// <summary>Districts' 推荐文件 must reach the city by then (e.g. 2025-07-08); later submissions are refused.</summary>
    public DateTimeOffset DistrictDeadline { get; set; }
    /// <summary>Days before the district deadline on which reminders go out, e.g. [7, 3, 1].</summary>
    public List<int> ReminderOffsetsDays { get; set; } = [7, 3, 1];
    /// <summary>公示 length in working days.</summary>
    public int PublicNoticeWorkingDays { get; set; } = 5;
    public DateTimeOffset? OpenedNoticeSentAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Revision { get; set; }

    /// <summary>Submissions are accepted from opening until the earlier of closing and the district deadline.</summary>
    public DateTimeOffset SubmissionEndsAt => ClosesAt < DistrictDeadline ? ClosesAt : DistrictDeadline;

    public bool AcceptsSubmissionAt(DateTimeOffset now) => now >= OpensAt && now < SubmissionEndsAt;
}

/// <summary>Whether a submission is allowed now, with a Chinese explanation naming the window's dates when not.</summary>
public sealed record WindowCheck(bool Allowed, string? Message, DeclarationWindow? Window);

/// <summary>Decides whether districts may submit a nomination now (the notices/scheduling side owns the windows).</summary>
public interface IDeclarationWindowPolicy
{
    Task<WindowCheck> CheckSubmissionAsync(int year, NominationType type, Tier tier, DateTimeOffset now, CancellationToken ct = default);
}
