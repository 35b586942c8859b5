using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;

namespace Roost.Features.Bookings;

/// <summary>Closing changes nobody answered in time, or whose stay was cancelled meanwhile.</summary>
public sealed class BookingChangeExpiry(RoostDb db, TimeProvider time)
{
    /// <summary>
    /// The job: changes left unanswered past their deadline, and those whose stay was cancelled or began meanwhile,
    /// close as expired; whoever asked is told. Each under its booking's row lock, skipping one that is being answered.
    /// </summary>
    public async Task ExpireDueAsync()
    {
        var now = time.GetUtcNow();
        var bookings = db.Bookings;
        var due = await db.Set<BookingChange>().AsNoTracking()
            .Where(c => c.Status == BookingChangeStatus.Pending
                && (c.ExpiresAt <= now || bookings.Any(b => b.Id == c.BookingId && b.Status != BookingStatus.Confirmed)))
            .OrderBy(c => c.ExpiresAt).Select(c => new { c.Id, c.BookingId }).Take(500).ToListAsync();
        foreach (var item in due)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM bookings WHERE id = {item.BookingId} FOR UPDATE SKIP LOCKED").ToListAsync();
            var change = locked.Count == 0 ? null : await db.Set<BookingChange>().SingleAsync(c => c.Id == item.Id);
            if (change is not { Status: BookingChangeStatus.Pending })
            {
                continue;
            }

            var booking = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == item.BookingId);
            if (change.ExpiresAt > now && booking.Status == BookingStatus.Confirmed)
            {
                continue;
            }

            change.Expire(now);
            BookingNotices.ChangeExpired(db, booking, change, now);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
    }
}
