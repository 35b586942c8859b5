using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Listings;
using Roost.Platform.Data;

namespace Roost.Features.Bookings;

/// <summary>That a booking's reminder of one kind went out: the row is what makes "once" hold across workers.</summary>
public sealed class BookingReminder
{
    public Guid BookingId { get; init; }

    public string Kind { get; init; } = "";

    public DateTimeOffset SentAt { get; init; }
}

internal sealed class BookingReminderConfiguration : IEntityTypeConfiguration<BookingReminder>
{
    public void Configure(EntityTypeBuilder<BookingReminder> reminder)
    {
        reminder.ToTable("booking_reminders");
        reminder.HasKey(r => new { r.BookingId, r.Kind });
        reminder.Property(r => r.Kind).HasMaxLength(40);
        reminder.HasOne<Booking>().WithMany().HasForeignKey(r => r.BookingId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Nudges before a moment that matters: the host of a request that lapses within three hours, the guest and host of
/// a stay that starts within a day, the guest whose card is charged the rest of a stay within three days. Each goes out once: the reminder's row and its notices are written in one
/// transaction, and a second worker inserting the same row waits for the first, finds it and sends nothing.
/// </summary>
public sealed class BookingReminders(RoostDb db, TimeProvider time)
{
    private const string AnswerSoon = "answer_soon";
    private const string Arrival = "arrival";
    private const string BalanceSoon = "balance_soon";

    private static readonly TimeSpan AnswerWarning = TimeSpan.FromHours(3);
    private static readonly TimeSpan ArrivalWarning = TimeSpan.FromHours(24);
    private static readonly TimeSpan BalanceWarning = TimeSpan.FromDays(3);

    public async Task SendDueAsync()
    {
        var now = time.GetUtcNow();
        var lapsing = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Pending && b.ExpiresAt > now && b.ExpiresAt <= now + AnswerWarning)
            .Select(b => b.Id).ToListAsync();
        foreach (var id in lapsing)
        {
            await RemindAsync(id, AnswerSoon, now);
        }

        // Check-in dates a day either side of UTC's cover every zone; the hour where the home is decides.
        var (from, to) = (DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1), DateOnly.FromDateTime((now + ArrivalWarning).UtcDateTime).AddDays(1));
        var arriving = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Confirmed && b.CheckIn >= from && b.CheckIn <= to)
            .Select(b => new { b.Id, b.CheckIn, b.CheckInTime, b.TimeZone }).ToListAsync();
        foreach (var stay in arriving)
        {
            var arrival = CancellationRules.InstantAt(stay.CheckIn, stay.CheckInTime, stay.TimeZone);
            if (arrival > now && arrival <= now + ArrivalWarning)
            {
                await RemindAsync(stay.Id, Arrival, now);
            }
        }

        // Before the first try only: after a refusal the guest has already heard, with the next try's date.
        var owing = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Confirmed && b.BalanceAmount > 0 && b.BalanceFailures == 0 && b.BalanceDueAt > now && b.BalanceDueAt <= now + BalanceWarning)
            .Select(b => b.Id).ToListAsync();
        foreach (var id in owing)
        {
            await RemindAsync(id, BalanceSoon, now);
        }
    }

    /// <summary>A stay moved to another check-in day: the arrival reminder is due again, before the new day.</summary>
    public static Task ArrivalMovedAsync(RoostDb db, Guid bookingId) =>
        db.Database.ExecuteSqlAsync($"DELETE FROM booking_reminders WHERE booking_id = {bookingId} AND kind = {Arrival}");

    private async Task RemindAsync(Guid bookingId, string kind, DateTimeOffset now)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var first = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO booking_reminders (booking_id, kind, sent_at) VALUES ({bookingId}, {kind}, {now}) ON CONFLICT DO NOTHING") == 1;
        var booking = first ? await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == bookingId) : null;
        // Answered or cancelled since the scan: nothing to remind of, and no row that says otherwise.
        if (booking is null || booking.Status != (kind == AnswerSoon ? BookingStatus.Pending : BookingStatus.Confirmed) || (kind == BalanceSoon && !booking.OwesBalance))
        {
            return;
        }

        var title = await db.Listings.Where(l => l.Id == booking.ListingId).Select(l => l.Title).SingleAsync();
        switch (kind)
        {
            case AnswerSoon:
                BookingNotices.AnswerSoon(db, booking, title, now);
                break;
            case BalanceSoon:
                BookingNotices.BalanceSoon(db, booking, title, now);
                break;
            default:
                BookingNotices.Arriving(db, booking, title, now);
                break;
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }
}
