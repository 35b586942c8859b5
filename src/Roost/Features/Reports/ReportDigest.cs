using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Platform.Data;
using Roost.Platform.Notifications;
using Roost.Platform.Time;

namespace Roost.Features.Reports;

/// <summary>
/// Once a day, while reports wait, each admin hears how many and since when: one nudge a day rather than one per
/// report, which would bury the admins in a wave of reports. It comes at the first hourly run from 08:00 where the
/// admin is (their profile's time zone), so a team spread over the world each starts the day with it. A run repeated
/// the same day (a retry, a second worker) tells no admin twice.
/// </summary>
public sealed class ReportDigest(RoostDb db, TimeProvider time)
{
    public const string Notice = "reports_waiting";

    /// <summary>The admin's local hour from which the day's digest goes; the job runs every hour.</summary>
    public const int Hour = 8;

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
        var admins = await AccountDirectory.ActiveAdmins(db).Select(u => new { u.Id, u.TimeZone }).ToListAsync();
        var told = 0;
        foreach (var admin in admins)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(admin.TimeZone);
            var local = TimeZoneInfo.ConvertTime(now, zone);
            var dayStart = TimeZones.ToUtc(local.Date, zone);
            if (local.Hour < Hour || await db.Set<Notification>().AnyAsync(n => n.UserId == admin.Id && n.Type == Notice && n.CreatedAt >= dayStart))
            {
                continue;
            }

            Notify.Add(db, admin.Id, Notice, count == 1 ? "1 report waits for review" : $"{count} reports wait for review",
                $"The oldest was filed on {TimeZoneInfo.ConvertTime(oldest, zone):yyyy-MM-dd} ({admin.TimeZone}). The queue is at GET /api/v1/admin/reports, oldest first.", new { count }, now);
            told++;
        }

        await db.SaveChangesAsync();
        return told;
    }
}
