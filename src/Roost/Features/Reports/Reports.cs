using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Features.Listings;
using Roost.Features.Reviews;
using Roost.Platform.Audit;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Http;
using Roost.Platform.Notifications;

namespace Roost.Features.Reports;

/// <summary>
/// Users flag what breaks the rules; admins work through the open reports oldest first and close each, and the
/// reporter hears the outcome. A report names only what the reporter can see, so it cannot probe for hidden things.
/// </summary>
public sealed class Reports(RoostDb db, TimeProvider time)
{
    public const int MaxPerDay = 10;

    public const string SafetyNotice = "report_safety";

    public async Task<Outcome<ReportResponse>> FileAsync(Guid reporterId, FileReportRequest request, CancellationToken cancellationToken)
    {
        var (target, targetId, reason) = (request.TargetType!.Value, request.TargetId!.Value, request.Reason!.Value);
        if (target == ReportTarget.User && targetId == reporterId)
        {
            return Failure.Unprocessable("You cannot report yourself.");
        }

        if (!await ExistsForReporterAsync(target, targetId, cancellationToken))
        {
            return Failure.NotFound($"The {target.ToString().ToLowerInvariant()}");
        }

        var now = time.GetUtcNow();
        var dayAgo = now.AddDays(-1);
        if (await db.Set<Report>().CountAsync(r => r.ReporterId == reporterId && r.CreatedAt > dayAgo, cancellationToken) >= MaxPerDay)
        {
            return Failure.TooManyRequests($"At most {MaxPerDay} reports a day; the admins are working through yours.", TimeSpan.FromHours(1));
        }

        var report = Report.File(reporterId, target, targetId, reason, request.Details ?? "", now);
        db.Add(report);
        if (reason == ReportReason.Safety)
        {
            await AlertAdminsAsync(report, now, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation(ReportConfiguration.OneOpenPerTarget))
        {
            return Failure.Conflict("You already reported this, and the report is still open.");
        }

        return ReportResponse.From(report);
    }

    /// <summary>
    /// Someone may be in danger: a safety report cannot wait for the morning digest, so every active admin is told at
    /// once (in the app and by e-mail), in the report's own transaction. The daily limit on a reporter's reports also
    /// bounds how many such alerts one person can raise.
    /// </summary>
    private async Task AlertAdminsAsync(Report report, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var admins = await AccountDirectory.ActiveAdmins(db).Select(u => u.Id).ToListAsync(cancellationToken);
        var what = report.TargetType.ToString().ToLowerInvariant();
        foreach (var admin in admins)
        {
            Notify.Add(db, admin, SafetyNotice, $"Safety report about a {what}",
                $"Filed just now about {what} {report.TargetId}; it is in GET /api/v1/admin/reports as report {report.Id}.",
                new { reportId = report.Id, targetType = what, targetId = report.TargetId }, now);
        }
    }

    public async Task<Page<ReportResponse>> MineAsync(Guid reporterId, int limit, ReportsCursor? after, CancellationToken cancellationToken) =>
        await PageAsync(db.Set<Report>().Where(r => r.ReporterId == reporterId), newestFirst: true, limit, after, cancellationToken);

    /// <summary>The admins' queue: one status, oldest first, so nothing waits behind newer reports.</summary>
    public async Task<Page<ReportResponse>> QueueAsync(ReportStatus status, int limit, ReportsCursor? after, CancellationToken cancellationToken) =>
        await PageAsync(db.Set<Report>().Where(r => r.Status == status), newestFirst: false, limit, after, cancellationToken);

    public async Task<Outcome<ReportResponse>> CloseAsync(Guid reportId, Guid adminId, CloseReportRequest request, CancellationToken cancellationToken)
    {
        // Locked, so two admins closing one report at once do not both tell the reporter.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var report = await db.Set<Report>().FromSql($"SELECT * FROM reports WHERE id = {reportId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (report is null)
        {
            return Failure.NotFound("The report");
        }

        var now = time.GetUtcNow();
        if (!report.Close(request.Status!.Value, adminId, request.Outcome, now))
        {
            return request.Status == ReportStatus.Open
                ? Failure.Validation("status", "A report is closed as action_taken or dismissed.")
                : Failure.Conflict("This report is already closed.");
        }

        Notify.Add(db, report.ReporterId, "report_closed", "We looked into your report",
            report.Status == ReportStatus.ActionTaken
                ? $"Thank you: we acted on your report. {report.Outcome}"
                : $"Thank you: we found no breach of the rules this time. {report.Outcome}",
            new { reportId = report.Id }, now);
        Audit.Add(db, adminId, report.Status == ReportStatus.ActionTaken ? "report_action_taken" : "report_dismissed", report.Id, report.Outcome, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ReportResponse.From(report);
    }

    private Task<bool> ExistsForReporterAsync(ReportTarget target, Guid targetId, CancellationToken cancellationToken) => target switch
    {
        ReportTarget.Listing => db.Listings.AnyAsync(l => l.Id == targetId && (l.Status == ListingStatus.Published || l.Status == ListingStatus.Unlisted), cancellationToken),
        ReportTarget.User => db.Users.AnyAsync(u => u.Id == targetId && u.ClosedAt == null, cancellationToken),
        _ => db.PublicReviews.AnyAsync(r => r.Id == targetId, cancellationToken),
    };

    private static async Task<Page<ReportResponse>> PageAsync(IQueryable<Report> reports, bool newestFirst, int limit, ReportsCursor? after, CancellationToken cancellationToken)
    {
        var query = reports.AsNoTracking();
        if (after is { } cursor)
        {
            query = newestFirst
                ? query.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.CreatedAt, r.Id), ValueTuple.Create(cursor.CreatedAt, cursor.Id)))
                : query.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.CreatedAt, r.Id), ValueTuple.Create(cursor.CreatedAt, cursor.Id)));
        }

        query = newestFirst ? query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id) : query.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id);
        var rows = await query.Take(limit + 1).ToListAsync(cancellationToken);
        var items = rows.Take(limit).Select(ReportResponse.From).ToList();
        return new Page<ReportResponse>(items, rows.Count > limit ? Cursor.Encode(new ReportsCursor(items[^1].CreatedAt, items[^1].Id)) : null);
    }
}
