using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Bookings;
using Roost.Platform.Data;
using Roost.Platform.Notifications;

namespace Roost.Features.Reviews;

/// <summary>That one side of a stay was reminded to review it: the row is what makes "once" hold across workers.</summary>
public sealed class ReviewReminder
{
    public Guid BookingId { get; init; }

    public ReviewSide Side { get; init; }

    public DateTimeOffset SentAt { get; init; }
}

internal sealed class ReviewReminderConfiguration : IEntityTypeConfiguration<ReviewReminder>
{
    public void Configure(EntityTypeBuilder<ReviewReminder> reminder)
    {
        reminder.ToTable("review_reminders");
        reminder.HasKey(r => new { r.BookingId, r.Side });
        reminder.Property(r => r.Side).HasConversion<string>().HasMaxLength(10);
        reminder.HasOne<Booking>().WithMany().HasForeignKey(r => r.BookingId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Three days before a stay's review window closes, each side that has not written is reminded once; told too when
/// the other side already has, since theirs stays hidden until both wrote or the window closes. The reminder's row
/// and its notice commit together, and a second worker inserting the same row waits for the first and sends nothing.
/// </summary>
public sealed class ReviewReminders(RoostDb db, TimeProvider time)
{
    public const string Notice = "review_reminder";

    public static readonly TimeSpan Warning = TimeSpan.FromDays(3);

    public async Task<int> SendDueAsync()
    {
        var now = time.GetUtcNow();
        // Check-out dates a day either side of UTC's cover every zone; midnight where the home is decides.
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var (from, to) = (today.AddDays(-Review.Window.Days - 1), today.AddDays(-Review.Window.Days + Warning.Days + 1));
        var stays = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Completed && b.CheckOut >= from && b.CheckOut <= to)
            .ToListAsync();
        var sent = 0;
        foreach (var stay in stays.Where(s => Review.WindowClosesAt(s) > now && Review.WindowClosesAt(s) <= now + Warning))
        {
            foreach (var side in new[] { ReviewSide.Guest, ReviewSide.Host })
            {
                if (await RemindAsync(stay, side, now))
                {
                    sent++;
                }
            }
        }

        return sent;
    }

    private async Task<bool> RemindAsync(Booking stay, ReviewSide side, DateTimeOffset now)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var first = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO review_reminders (booking_id, side, sent_at) VALUES ({stay.Id}, {side.ToString()}, {now}) ON CONFLICT DO NOTHING") == 1;
        var written = first ? await db.Reviews.Where(r => r.BookingId == stay.Id).Select(r => r.Side).ToListAsync() : [];
        // Already written (perhaps since the scan): nothing to remind of, and no row that says otherwise.
        if (!first || written.Contains(side))
        {
            return false;
        }

        var (reviewer, other) = side == ReviewSide.Guest ? (stay.GuestId, "host") : (stay.HostId, "guest");
        var lastDay = stay.CheckOut.AddDays(Review.Window.Days - 1);
        var body = $"You can review the stay from {stay.CheckIn:yyyy-MM-dd} to {stay.CheckOut:yyyy-MM-dd} until the end of {lastDay:yyyy-MM-dd} ({stay.TimeZone})."
            + (written.Count > 0 ? $" Your {other} has already reviewed you: write yours and both appear at once." : "");
        Notify.Add(db, reviewer, Notice, "Your review window closes soon", body, new { bookingId = stay.Id }, now);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return true;
    }
}
