using Microsoft.EntityFrameworkCore;
using Roost.Features.Calendar;
using Roost.Features.Listings;
using Roost.Features.Payments;
using Roost.Platform.Data;

namespace Roost.Features.Bookings;

/// <summary>
/// Expiring unanswered requests and completing finished stays. Each booking is handled under its row lock with
/// SKIP LOCKED and re-checked after locking, so two workers (or a job and a host's answer) never act twice.
/// </summary>
public sealed class BookingJobs(RoostDb db, IPaymentGateway gateway, ListingChanges changes, TimeProvider time, ILogger<BookingJobs> logger)
{
    public async Task ExpireAsync(Guid bookingId)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM bookings WHERE id = {bookingId} FOR UPDATE SKIP LOCKED").ToListAsync();
        if (locked.Count == 0)
        {
            return;
        }

        var booking = await db.Bookings.SingleAsync(b => b.Id == bookingId);
        var occupancyId = booking.OccupancyId;
        if (booking.Expire(time.GetUtcNow()) is not null)
        {
            return;
        }

        if (booking.PaymentIntentId is { } intent)
        {
            await gateway.VoidAsync(intent, $"booking:{booking.Id}:void", CancellationToken.None);
        }

        BookingNotices.Expired(db, booking, time.GetUtcNow());

        await db.SaveChangesAsync();
        await db.Occupancies.Where(o => o.Id == occupancyId).ExecuteDeleteAsync();
        await transaction.CommitAsync();
        changes.AvailabilityChanged();
        logger.LogInformation("Booking request {BookingId} expired unanswered", bookingId);
    }

    /// <summary>The safety net behind the per-booking scheduled expiry: catches any whose job was lost.</summary>
    public async Task ExpireDueAsync()
    {
        var now = time.GetUtcNow();
        var due = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Pending && b.ExpiresAt <= now)
            .OrderBy(b => b.ExpiresAt).Select(b => b.Id).Take(500).ToListAsync();
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            await ExpireAsync(id);
        }
    }

    /// <summary>
    /// Confirmed stays become completed once their check-out hour has come where the home is. Pages go by
    /// (check-out, id), so a stay another worker holds is passed over, not fetched again.
    /// </summary>
    public async Task CompleteDueAsync()
    {
        var now = time.GetUtcNow();
        var after = (CheckOutAt: DateTimeOffset.MinValue, Id: Guid.Empty);
        while (true)
        {
            var due = await db.Bookings.AsNoTracking()
                .Where(b => b.Status == BookingStatus.Confirmed && b.CheckOutAt <= now)
                .Where(b => EF.Functions.GreaterThan(ValueTuple.Create(b.CheckOutAt, b.Id), ValueTuple.Create(after.CheckOutAt, after.Id)))
                .OrderBy(b => b.CheckOutAt).ThenBy(b => b.Id)
                .Select(b => new { b.Id, b.CheckOutAt }).Take(CompletionPage).ToListAsync();
            foreach (var stay in due)
            {
                await CompleteAsync(stay.Id, now);
            }

            if (due.Count < CompletionPage)
            {
                return;
            }

            after = (due[^1].CheckOutAt, due[^1].Id);
        }
    }

    private const int CompletionPage = 500;

    private async Task CompleteAsync(Guid bookingId, DateTimeOffset now)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM bookings WHERE id = {bookingId} FOR UPDATE SKIP LOCKED").ToListAsync();
        var booking = locked.Count == 0 ? null : await db.Bookings.SingleAsync(b => b.Id == bookingId);
        if (booking?.Complete(now) is null && booking is not null)
        {
            BookingNotices.Completed(db, booking, now);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
    }
}
