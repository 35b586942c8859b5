using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Features.Listings;
using Roost.Platform.Auth;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Notifications;

namespace Roost.Features.Bookings;

public sealed record InviteTravellerRequest([Required, EmailAddress, MaxLength(254)] string Email);

/// <param name="Status">invited or accepted.</param>
public sealed record TravellerResponse(
    Guid Id, Guid BookingId, string ListingTitle, DateOnly CheckIn, DateOnly CheckOut, string Email, Guid? UserId, string Status, DateTimeOffset InvitedAt, DateTimeOffset? AcceptedAt);

/// <summary>The people a guest travels with: invited to a booking, they read it and its way in, and nothing more.</summary>
public sealed class TripGuests(RoostDb db, AccountDirectory accounts, TimeProvider time)
{
    public static Task<bool> IsCompanionAsync(RoostDb db, Guid bookingId, Guid userId, CancellationToken cancellationToken) =>
        db.Set<TripGuest>().AnyAsync(g => g.BookingId == bookingId && g.UserId == userId && g.AcceptedAt != null, cancellationToken);

    public static IQueryable<Guid> TripsOf(RoostDb db, Guid userId) =>
        db.Set<TripGuest>().Where(g => g.UserId == userId && g.AcceptedAt != null).Select(g => g.BookingId);

    public async Task<Outcome<TravellerResponse>> InviteAsync(Guid bookingId, InviteTravellerRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM bookings WHERE id = {bookingId} FOR UPDATE", cancellationToken);
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (GuestOnly(booking, user) is { } refused)
        {
            return refused;
        }

        var now = time.GetUtcNow();
        if (!booking!.IsLive || now >= booking.CheckOutAt)
        {
            return Failure.Conflict("Travel companions join a stay that is booked or requested and not over.");
        }

        var email = EmailAddress.Normalize(request.Email);
        var (own, _) = await accounts.AddressOfAsync(booking.GuestId, cancellationToken);
        var party = await db.Set<TripGuest>().Where(g => g.BookingId == bookingId).Select(g => g.Email).ToListAsync(cancellationToken);
        if (email == own || party.Contains(email))
        {
            return Failure.Conflict(email == own ? "That is your own address." : "That address is already invited to this trip.");
        }

        if (party.Count >= booking.Guests - 1)
        {
            return Failure.Unprocessable($"The stay is booked for {booking.Guests} guest{(booking.Guests == 1 ? "" : "s")}, you included; change the booking to bring more.");
        }

        var companion = TripGuest.Invite(bookingId, email, now);
        db.Add(companion);
        var title = await TitleAsync(booking, cancellationToken);
        if (await accounts.HolderOfAsync(email, cancellationToken) is { } invitee)
        {
            Notify.Add(db, invitee, "trip_invitation", "You are invited on a trip",
                $"{title}, {booking.CheckIn:yyyy-MM-dd} to {booking.CheckOut:yyyy-MM-dd}. Accept it under GET /api/v1/trip-invitations.",
                new { invitationId = companion.Id, bookingId }, now);
        }
        else
        {
            await Notify.EmailStrangerAsync(db, email, "trip_invitation", "You are invited on a trip",
                $"Someone who booked \"{title}\" on Roost, {booking.CheckIn:yyyy-MM-dd} to {booking.CheckOut:yyyy-MM-dd}, asks you along. To join, sign up for Roost with this address ({email}), confirm it, and accept the invitation under GET /api/v1/trip-invitations.",
                now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Response(companion, booking, title);
    }

    /// <summary>The guest who booked, their companions and admins see who travels; the host knows the party's size from the booking.</summary>
    public async Task<Outcome<IReadOnlyList<TravellerResponse>>> ListAsync(Guid bookingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (booking is null || !(user.IsParticipantOrAdmin(booking.GuestId) || await IsCompanionAsync(db, bookingId, user.UserId(), cancellationToken)))
        {
            return booking is not null && booking.HostId == user.UserId() ? Failure.Forbidden("Who travels with the guest is theirs to share.") : Failure.NotFound("The booking");
        }

        var title = await TitleAsync(booking, cancellationToken);
        var party = await db.Set<TripGuest>().AsNoTracking().Where(g => g.BookingId == bookingId).OrderBy(g => g.InvitedAt).ToListAsync(cancellationToken);
        return party.Select(g => Response(g, booking, title)).ToList();
    }

    /// <summary>The guest who booked takes someone off the trip; a companion may leave it.</summary>
    public async Task<Failure?> RemoveAsync(Guid bookingId, Guid travellerId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var companion = await db.Set<TripGuest>().SingleOrDefaultAsync(g => g.Id == travellerId && g.BookingId == bookingId, cancellationToken);
        if (companion is null || companion.UserId != user.UserId())
        {
            var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
            if (GuestOnly(booking, user) is { } refused)
            {
                return refused;
            }

            if (companion is null)
            {
                return Failure.NotFound("The travel companion");
            }
        }

        db.Remove(companion);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Open invitations to the caller's address and the trips they joined.</summary>
    public async Task<IReadOnlyList<TravellerResponse>> MineAsync(Guid userId, CancellationToken cancellationToken)
    {
        var (email, _) = await accounts.AddressOfAsync(userId, cancellationToken);
        var rows = await db.Set<TripGuest>().AsNoTracking()
            .Where(g => g.UserId == userId || (g.UserId == null && g.Email == email))
            .Join(db.Bookings, g => g.BookingId, b => b.Id, (g, b) => new { Guest = g, Booking = b })
            .Join(db.Listings, r => r.Booking.ListingId, l => l.Id, (r, l) => new { r.Guest, r.Booking, l.Title })
            .OrderByDescending(r => r.Guest.InvitedAt)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => Response(r.Guest, r.Booking, r.Title))];
    }

    public async Task<Outcome<TravellerResponse>> AnswerAsync(Guid invitationId, bool accept, Guid userId, CancellationToken cancellationToken)
    {
        var (email, confirmed) = await accounts.AddressOfAsync(userId, cancellationToken);
        var invitation = await db.Set<TripGuest>().SingleOrDefaultAsync(g => g.Id == invitationId && g.Email == email && (g.UserId == null || g.UserId == userId), cancellationToken);
        if (invitation is null)
        {
            return Failure.NotFound("The invitation");
        }

        var booking = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == invitation.BookingId, cancellationToken);
        var now = time.GetUtcNow();
        if (accept)
        {
            if (invitation.Accept(userId, confirmed, now) is { } refused)
            {
                return refused;
            }

            Notify.Add(db, booking.GuestId, "trip_invitation_accepted", "A travel companion joined your trip", $"{email} joined the stay from {booking.CheckIn:yyyy-MM-dd}.", new { bookingId = booking.Id }, now);
        }
        else if (invitation.AcceptedAt is not null)
        {
            return Failure.Conflict("You joined this trip already; leave it with DELETE /api/v1/bookings/{id}/travellers/{travellerId}.");
        }
        else
        {
            db.Remove(invitation);
        }

        await db.SaveChangesAsync(cancellationToken);
        var title = await TitleAsync(booking, cancellationToken);
        return Response(invitation, booking, title);
    }

    private Task<string> TitleAsync(Booking booking, CancellationToken cancellationToken) =>
        db.Listings.Where(l => l.Id == booking.ListingId).Select(l => l.Title).SingleAsync(cancellationToken);

    private static TravellerResponse Response(TripGuest g, Booking b, string title) =>
        new(g.Id, g.BookingId, title, b.CheckIn, b.CheckOut, g.Email, g.UserId, g.AcceptedAt is null ? "invited" : "accepted", g.InvitedAt, g.AcceptedAt);

    private static Failure? GuestOnly(Booking? booking, ClaimsPrincipal user) =>
        booking is null || !user.IsParticipantOrAdmin(booking.GuestId, booking.HostId) ? Failure.NotFound("The booking")
            : booking.GuestId != user.UserId() ? Failure.Forbidden("Only the guest who booked chooses who travels with them.")
            : null;

    /// <summary>A closed account travels with no one, and invitations to its old address lapse with it.</summary>
    public sealed class Erasure(RoostDb db) : IAccountErasure
    {
        public Task EraseAsync(Guid userId, string formerNormalizedEmail, CancellationToken cancellationToken) =>
            db.Set<TripGuest>().Where(g => g.UserId == userId || (g.UserId == null && g.Email == formerNormalizedEmail)).ExecuteDeleteAsync(cancellationToken);
    }
}
