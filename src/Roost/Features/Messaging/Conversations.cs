using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Bookings;
using Roost.Features.Listings;
using Roost.Platform.Auth;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Http;
using Roost.Platform.Notifications;

namespace Roost.Features.Messaging;

/// <summary>A guest asks about a listing; its host writes to one of its guests by naming them (<paramref name="GuestId"/>).</summary>
public sealed record StartConversationRequest([Required] Guid? ListingId, [Required, MinLength(1), MaxLength(Message.MaxLength)] string Text, Guid? GuestId = null);

public sealed record SendMessageRequest([Required, MinLength(1), MaxLength(Message.MaxLength)] string Text);

public sealed record ConversationResponse(Guid Id, Guid ListingId, string ListingTitle, Guid GuestId, Guid HostId, DateTimeOffset LastMessageAt, int Unread);

public sealed record MessageResponse(Guid Id, Guid SenderId, string Text, DateTimeOffset SentAt, string? OriginalText);

public sealed record MessagesCursor(DateTimeOffset SentAt, Guid Id);

/// <summary>
/// Only the two participants, the listing's co-hosts with reservations access (who write on the host's side and share
/// its read marker, as one inbox) and admins can read a conversation; for anyone else it does not exist.
/// </summary>
public sealed class Conversations(RoostDb db, TimeProvider time) : IBookingMessages
{
    public async Task<Outcome<ConversationResponse>> StartAsync(Guid callerId, StartConversationRequest request, CancellationToken cancellationToken)
    {
        var listing = await db.Listings.AsNoTracking().SingleOrDefaultAsync(l => l.Id == request.ListingId, cancellationToken);
        var asHost = listing is not null && (listing.HostId == callerId
            || await CoHosts.AllowsAsync(db, listing.Id, callerId, CoHostAccess.Reservations, cancellationToken));
        if (listing is null || (!asHost && listing.Status is not (ListingStatus.Published or ListingStatus.Unlisted)))
        {
            return Failure.NotFound("The listing");
        }

        if (asHost && request.GuestId is null)
        {
            return Failure.Unprocessable("Hosts write to a guest of their listing: name the guest (guestId).");
        }

        if (!asHost && request.GuestId is { } named && named != callerId)
        {
            return Failure.Unprocessable("Only the listing's host writes to its guests.");
        }

        var guestId = asHost ? request.GuestId!.Value : callerId;
        // A host may open a conversation only with someone who booked or asked to book this listing: hosts do not
        // cold-message members. For anyone else, whether that person exists is not the host's to learn.
        if (asHost && !await db.Bookings.AnyAsync(b => b.ListingId == listing.Id && b.GuestId == guestId, cancellationToken))
        {
            return Failure.NotFound("A booking of this listing by that guest");
        }

        var now = time.GetUtcNow();
        var conversation = await OpenAsync(listing.Id, guestId, listing.HostId, now, cancellationToken);
        await AddMessageAsync(conversation, callerId, request.Text, now, cancellationToken);
        return new ConversationResponse(conversation.Id, listing.Id, listing.Title, guestId, listing.HostId, conversation.LastMessageAt, 0);
    }

    public Task<bool> HasAskedAboutAsync(Guid listingId, Guid guestId, CancellationToken cancellationToken) =>
        db.Conversations.AnyAsync(c => c.ListingId == listingId && c.GuestId == guestId, cancellationToken);

    /// <summary>
    /// A booking's message starts (or continues) the guest's conversation about the listing, in the booking's unit of
    /// work; the host hears of it through the booking's own notice, not a second one.
    /// </summary>
    public async Task PostAsync(Booking booking, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(booking.Message))
        {
            return;
        }

        var conversation = await OpenAsync(booking.ListingId, booking.GuestId, booking.HostId, booking.CreatedAt, cancellationToken);
        db.Messages.Add(Message.Write(conversation.Id, booking.GuestId, booking.Message, revealContacts: booking.Status == BookingStatus.Confirmed, booking.CreatedAt));
        conversation.Sent(booking.GuestId, booking.CreatedAt);
    }

    /// <summary>A host's scheduled message for a stay: into the guest's conversation about the listing, in the host's name.</summary>
    public async Task PostForHostAsync(Booking booking, string text, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var conversation = await OpenAsync(booking.ListingId, booking.GuestId, booking.HostId, now, cancellationToken);
        await AddMessageAsync(conversation, booking.HostId, text, now, cancellationToken);
    }

    /// <summary>One conversation per guest and listing: asking again continues it (the unique index settles a race).</summary>
    private async Task<Conversation> OpenAsync(Guid listingId, Guid guestId, Guid hostId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO conversations (id, listing_id, guest_id, host_id, created_at, last_message_at, guest_read_at, host_read_at)
            VALUES ({Guid.CreateVersion7(now)}, {listingId}, {guestId}, {hostId}, {now}, {now}, {DateTimeOffset.UnixEpoch}, {DateTimeOffset.UnixEpoch})
            ON CONFLICT (listing_id, guest_id) DO NOTHING
            """, cancellationToken);
        return await db.Conversations.SingleAsync(c => c.ListingId == listingId && c.GuestId == guestId, cancellationToken);
    }

    public async Task<Outcome<MessageResponse>> SendAsync(Guid conversationId, SendMessageRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var me = user.UserId();
        var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation is null || await SideAsync(conversation, me, cancellationToken) is null)
        {
            // Admins read conversations but do not speak in them.
            return Failure.NotFound("The conversation");
        }

        var message = await AddMessageAsync(conversation, me, request.Text, time.GetUtcNow(), cancellationToken);
        return new MessageResponse(message.Id, message.SenderId, message.Text, message.SentAt, null);
    }

    public async Task<Page<ConversationResponse>> ListAsync(Guid userId, int limit, MessagesCursor? after, CancellationToken cancellationToken)
    {
        var coHosted = CoHosts.ListingsOf(db, userId, CoHostAccess.Reservations);
        var query = db.Conversations.AsNoTracking().Where(c => c.GuestId == userId || c.HostId == userId || coHosted.Contains(c.ListingId));
        if (after is { } cursor)
        {
            query = query.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.LastMessageAt, c.Id), ValueTuple.Create(cursor.SentAt, cursor.Id)));
        }

        // Sets captured as locals: extension properties cannot appear inside the query's expression tree.
        var listings = db.Listings;
        var messages = db.Messages;
        var rows = await query
            .OrderByDescending(c => c.LastMessageAt).ThenByDescending(c => c.Id)
            .Take(limit + 1)
            .Select(c => new ConversationResponse(
                c.Id,
                c.ListingId,
                listings.Where(l => l.Id == c.ListingId).Select(l => l.Title).First(),
                c.GuestId,
                c.HostId,
                c.LastMessageAt,
                messages.Count(m => m.ConversationId == c.Id && m.SenderId != userId && m.SentAt > (c.GuestId == userId ? c.GuestReadAt : c.HostReadAt))))
            .ToListAsync(cancellationToken);
        var items = rows.Take(limit).ToList();
        return new Page<ConversationResponse>(items, rows.Count > limit ? Cursor.Encode(new MessagesCursor(items[^1].LastMessageAt, items[^1].Id)) : null);
    }

    /// <summary>Newest first, keyset-paged.</summary>
    public async Task<Outcome<Page<MessageResponse>>> MessagesAsync(Guid conversationId, ClaimsPrincipal user, int limit, MessagesCursor? after, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        var me = user.UserId();
        var side = conversation is null ? null : await SideAsync(conversation, me, cancellationToken);
        if (conversation is null || !(side is not null || user.IsAdmin()))
        {
            return Failure.NotFound("The conversation");
        }

        var query = db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId);
        if (after is { } cursor)
        {
            query = query.Where(m => EF.Functions.LessThan(ValueTuple.Create(m.SentAt, m.Id), ValueTuple.Create(cursor.SentAt, cursor.Id)));
        }

        var moderator = user.IsAdmin() && side is null;
        var rows = await query.OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = rows.Take(limit).Select(m => new MessageResponse(m.Id, m.SenderId, m.Text, m.SentAt, moderator ? m.OriginalText : null)).ToList();
        return new Page<MessageResponse>(items, rows.Count > limit ? Cursor.Encode(new MessagesCursor(items[^1].SentAt, items[^1].Id)) : null);
    }

    public async Task<Failure?> MarkReadAsync(Guid conversationId, Guid userId, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation is null || await SideAsync(conversation, userId, cancellationToken) is not { } side)
        {
            return Failure.NotFound("The conversation");
        }

        conversation.MarkRead(side, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private async Task<Message> AddMessageAsync(Conversation conversation, Guid senderId, string text, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var booked = await db.Bookings.AnyAsync(
            b => b.ListingId == conversation.ListingId && b.GuestId == conversation.GuestId
                && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Completed),
            cancellationToken);
        var message = Message.Write(conversation.Id, senderId, text, revealContacts: booked, now);
        db.Messages.Add(message);
        var fromGuest = senderId == conversation.GuestId;
        conversation.Sent(fromGuest ? senderId : conversation.HostId, now);
        var preview = message.Text.Length > 200 ? message.Text[..200] + "…" : message.Text;
        var recipients = fromGuest
            ? [conversation.HostId, .. await CoHosts.MembersOf(db, conversation.ListingId, CoHostAccess.Reservations).ToListAsync(cancellationToken)]
            : new List<Guid> { conversation.GuestId };
        foreach (var recipient in recipients)
        {
            Notify.Add(db, recipient, "new_message", "New message", preview, new { conversationId = conversation.Id }, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return message;
    }

    /// <summary>Whose read marker the caller moves: their own as guest or host, the host's as a co-host; null when the conversation is not theirs.</summary>
    private async Task<Guid?> SideAsync(Conversation conversation, Guid userId, CancellationToken cancellationToken) =>
        conversation.Includes(userId) ? userId
        : await CoHosts.AllowsAsync(db, conversation.ListingId, userId, CoHostAccess.Reservations, cancellationToken) ? conversation.HostId
        : null;
}
