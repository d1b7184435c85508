using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Windows;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using GreenTierWorkflows.Application.Nominations;

namespace GreenTierWorkflows.Application.Windows;

/// <summary>Declaration windows as stored in the database: a submission needs a window accepting it now.</summary>
public sealed class StoredDeclarationWindowPolicy(GreenTierDbContext db) : IDeclarationWindowPolicy
{
    public async Task<WindowCheck> CheckSubmissionAsync(int year, NominationType type, Tier tier, DateTimeOffset now, CancellationToken ct = default)
    {
        var window = await db.DeclarationWindows.AsNoTracking().FirstOrDefaultAsync(w => w.Year == year && w.Type == type && w.Tier == tier, ct);
        var what = $"{year} 年度{DomainText.Of(tier)}{DomainText.Of(type)}";
        if (window is null) return new(false, $"{what}申报窗口尚未设置，暂不能提交。", null);
        if (window.AcceptsSubmissionAt(now)) return new(true, null, window);
        return new(false, $"{what}申报窗口为 {ChinaTime.Minute(window.OpensAt)} 至 {ChinaTime.Minute(window.ClosesAt)}，" +
            $"区县报送截止 {ChinaTime.Minute(window.DistrictDeadline)}；当前不在可提交时间内，逾期不予受理。", window);
    }
}
