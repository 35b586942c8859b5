using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Platform.Data;
using Roost.Platform.Notifications;

namespace Roost.Features.Reports;

/// <summary>
/// Once a day, while reports wait, each admin hears how many and since when: one nudge a day rather than one per
/// report, which would bury the admins in a wave of reports. A run repeated the same day (a retry, a second worker)
/// tells no admin twice.
/// </summary>
public sealed class ReportDigest(RoostDb db, TimeProvider time)
{
    public const string Notice = "reports_waiting";

    public async Task<int> SendAsync()
    {
        var now = time.GetUtcNow();
        var open = db.Set<Report>().Where(r => r.Status == ReportStatus.Open);
        var count = await open.CountAsync();
        if (count == 0)
        {
            return 0;
        }

        var oldest = await open.MinAsync(r => r.CreatedAt);
        var dayStart = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var admins = await AccountDirectory.ActiveAdmins(db)
            .Where(u => !db.Set<Notification>().Any(n => n.UserId == u.Id && n.Type == Notice && n.CreatedAt >= dayStart))
            .Select(u => u.Id).ToListAsync();
        foreach (var admin in admins)
        {
            Notify.Add(db, admin, Notice, count == 1 ? "1 report waits for review" : $"{count} reports wait for review",
                $"The oldest was filed on {oldest:yyyy-MM-dd} (UTC). The queue is at GET /api/v1/admin/reports, oldest first.", new { count }, now);
        }

        await db.SaveChangesAsync();
        return admins.Count;
    }
}
