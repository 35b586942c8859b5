using Hangfire;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Listings;
using Roost.Platform.Data;
using Roost.Platform.Time;

namespace Roost.Features.Calendar;

/// <summary>
/// The import job: fetch, parse, then replace this feed's blocks in one transaction. A broken feed records its
/// error and leaves the last good blocks alone; nights held by bookings, host blocks or other feeds are never
/// touched, the feed's ranges are clipped around them.
/// </summary>
public sealed class CalendarSync(
    RoostDb db, CalendarFeedClient feeds, ListingChanges changes, IBackgroundJobClient jobs, TimeProvider time, ILogger<CalendarSync> logger)
{
    /// <summary>Feeds list years of history and future; only this much ahead is worth blocking.</summary>
    private const int HorizonDays = 3 * 366;

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task SyncAsync(Guid importId, CancellationToken cancellationToken)
    {
        var import = await db.CalendarImports.SingleOrDefaultAsync(i => i.Id == importId, cancellationToken);
        if (import is null)
        {
            return;
        }

        IReadOnlyList<CalendarEvent> events;
        try
        {
            var text = await feeds.FetchAsync(new Uri(import.Url), cancellationToken);
            events = ICalendarReader.Read(text);
        }
        catch (Exception ex) when (ex is CalendarFeedException or FormatException)
        {
            logger.LogWarning("Calendar import {ImportId} failed: {Error}", importId, ex.Message);
            import.Failed(ex.Message, time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await ReplaceBlocksAsync(import, events, cancellationToken);
        changes.AvailabilityChanged();
    }

    /// <summary>Every 30 minutes: one job per feed, so a slow feed delays nobody else.</summary>
    public async Task EnqueueAllAsync()
    {
        foreach (var id in await db.CalendarImports.AsNoTracking().Select(i => i.Id).ToListAsync())
        {
            jobs.Enqueue<CalendarSync>(sync => sync.SyncAsync(id, CancellationToken.None));
        }
    }

    private async Task ReplaceBlocksAsync(CalendarImport import, IReadOnlyList<CalendarEvent> events, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM listings WHERE id = {import.ListingId} FOR UPDATE", cancellationToken);
        var listing = await db.Listings.AsNoTracking().SingleAsync(l => l.Id == import.ListingId, cancellationToken);
        var now = time.GetUtcNow();
        var today = TimeZones.Today(listing.TimeZone ?? "UTC", now);
        var horizon = new NightRange(today, today.AddDays(HorizonDays));

        await db.Occupancies.Where(o => o.CalendarImportId == import.Id).ExecuteDeleteAsync(cancellationToken);
        var taken = await db.Occupancies.AsNoTracking()
            .Where(o => o.ListingId == listing.Id && o.EndsOn > horizon.Start)
            .Select(o => new NightRange(o.StartsOn, o.EndsOn))
            .ToListAsync(cancellationToken);

        var wanted = NightRange.Merge(events.Select(e => e.Nights)
            .Where(n => n.Overlaps(horizon))
            .Select(n => new NightRange(n.Start < horizon.Start ? horizon.Start : n.Start, n.End > horizon.End ? horizon.End : n.End)));
        var pieces = wanted.SelectMany(w => w.Minus(taken)).ToList();
        foreach (var piece in pieces)
        {
            var summary = events.FirstOrDefault(e => e.Nights.Overlaps(piece))?.Summary;
            db.Occupancies.Add(Occupancy.Imported(listing.Id, import.Id, piece, summary, now));
        }

        import.Synced(pieces.Count, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Calendar import {ImportId} synced: {Ranges} ranges blocked from {Events} events", import.Id, pieces.Count, events.Count);
    }
}
