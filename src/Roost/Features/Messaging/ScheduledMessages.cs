using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Features.Bookings;
using Roost.Features.Listings;
using Roost.Platform.Auth;
using Roost.Platform.Data;
using Roost.Platform.Errors;

namespace Roost.Features.Messaging;

/// <summary>
/// Hosts' scheduled messages: kept per listing by its host, and sent by a job to each confirmed stay at their moment,
/// once (a row per message and stay, inserted before sending, settles two workers or a retried run).
/// </summary>
public sealed class ScheduledMessages(RoostDb db, Conversations conversations, TimeProvider time, ILogger<ScheduledMessages> logger)
{
    /// <summary>A moment missed by this much (the job was down) is skipped rather than sent late and wrong.</summary>
    private static readonly TimeSpan ConfirmationGrace = TimeSpan.FromDays(1);

    public async Task<Outcome<IReadOnlyList<ScheduledMessageResponse>>> ListAsync(Guid listingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await ListingAccess.ForEditAsync(db, listingId, user, cancellationToken) is { Failure: { } failure })
        {
            return failure;
        }

        var messages = await db.Set<ScheduledMessage>().AsNoTracking().Where(m => m.ListingId == listingId).OrderBy(m => m.CreatedAt).ToListAsync(cancellationToken);
        return messages.Select(ScheduledMessageResponse.From).ToList();
    }

    public async Task<Outcome<ScheduledMessageResponse>> AddAsync(Guid listingId, ScheduledMessageRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var access = await ListingAccess.ForEditAsync(db, listingId, user, cancellationToken, lockRow: true);
        if (access.Failure is { } failure)
        {
            return failure;
        }

        if (access.Value!.HostId != user.UserId())
        {
            return Failure.Forbidden("The listing's host writes its scheduled messages.");
        }

        if (await db.Set<ScheduledMessage>().CountAsync(m => m.ListingId == listingId, cancellationToken) >= ScheduledMessage.MaxPerListing)
        {
            return Failure.Conflict($"A listing keeps at most {ScheduledMessage.MaxPerListing} scheduled messages; delete one first.");
        }

        var message = ScheduledMessage.Write(listingId, request.Moment!.Value, request.Text.Trim(), time.GetUtcNow());
        db.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ScheduledMessageResponse.From(message);
    }

    public async Task<Failure?> DeleteAsync(Guid listingId, Guid messageId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var access = await ListingAccess.ForEditAsync(db, listingId, user, cancellationToken);
        if (access.Failure is { } failure)
        {
            return failure;
        }

        var deleted = await db.Set<ScheduledMessage>().Where(m => m.Id == messageId && m.ListingId == listingId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? Failure.NotFound("The scheduled message") : null;
    }

    /// <summary>The job: every message whose moment has come for a stay it has not gone to yet.</summary>
    public async Task SendDueAsync()
    {
        var now = time.GetUtcNow();
        var utcToday = DateOnly.FromDateTime(now.UtcDateTime);
        var confirmedSince = now - ConfirmationGrace;
        var sends = db.Set<ScheduledMessageSend>();
        var bookings = db.Bookings;
        var due = await (
            from message in db.Set<ScheduledMessage>()
            join booking in bookings on message.ListingId equals booking.ListingId
            where !sends.Any(s => s.ScheduledMessageId == message.Id && s.BookingId == booking.Id)
            where (message.Moment == MessageMoment.Confirmed && (booking.Status == BookingStatus.Confirmed || booking.Status == BookingStatus.Completed)
                    && booking.Transitions.Any(t => t.To == BookingStatus.Confirmed && t.From != BookingStatus.Confirmed && t.At >= message.CreatedAt && t.At >= confirmedSince))
                || (message.Moment == MessageMoment.DayBeforeCheckIn && booking.Status == BookingStatus.Confirmed
                    && booking.CheckIn >= utcToday.AddDays(-1) && booking.CheckIn <= utcToday.AddDays(2))
                || (message.Moment == MessageMoment.CheckOutMorning && (booking.Status == BookingStatus.Confirmed || booking.Status == BookingStatus.Completed)
                    && booking.CheckOut >= utcToday.AddDays(-1) && booking.CheckOut <= utcToday.AddDays(1))
            select new { MessageId = message.Id, BookingId = booking.Id }).Take(1000).ToListAsync();
        var sent = 0;
        foreach (var pair in due)
        {
            db.ChangeTracker.Clear();
            sent += await SendAsync(pair.MessageId, pair.BookingId, now) ? 1 : 0;
        }

        if (sent > 0)
        {
            logger.LogInformation("Sent {Count} scheduled messages", sent);
        }
    }

    private async Task<bool> SendAsync(Guid messageId, Guid bookingId, DateTimeOffset now)
    {
        var message = await db.Set<ScheduledMessage>().AsNoTracking().SingleAsync(m => m.Id == messageId);
        var booking = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == bookingId);
        // A clock moment: from its time where the home is until the stay it speaks of begins (or a morning after check-out).
        var until = message.Moment == MessageMoment.DayBeforeCheckIn
            ? CancellationRules.InstantAt(booking.CheckIn, booking.CheckInTime, booking.TimeZone)
            : booking.CheckOutAt + TimeSpan.FromHours(12);
        if (message.DueAt(booking) is { } at && (now < at || now >= until))
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var first = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO scheduled_message_sends (scheduled_message_id, booking_id, sent_at) VALUES ({messageId}, {bookingId}, {now}) ON CONFLICT DO NOTHING") == 1;
        if (!first)
        {
            return false;
        }

        var guestId = booking.GuestId;
        var guestName = await db.Users.Where(u => u.Id == guestId).Select(u => u.FirstName).SingleAsync();
        var title = await db.Listings.Where(l => l.Id == booking.ListingId).Select(l => l.Title).SingleAsync();
        await conversations.PostForHostAsync(booking, message.For(booking, guestName, title), now, CancellationToken.None);
        await transaction.CommitAsync();
        return true;
    }
}
