using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Features.Listings;
using Roost.Features.Payments;
using Roost.Platform.Auth;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Http;
using Roost.Platform.Money;

namespace Roost.Features.Bookings;

public sealed class BookingQueries(RoostDb db, AccountDirectory accounts, TimeProvider time) : IListingCommitments
{
    public Task<int> OpenStaysAsync(Guid listingId, DateOnly today, CancellationToken cancellationToken) =>
        db.Bookings.CountAsync(b => b.ListingId == listingId && (b.Status == BookingStatus.Pending || b.Status == BookingStatus.Confirmed) && b.CheckOut > today, cancellationToken);

    /// <summary>Requests to book that this user made as a guest, or that wait for their answer as host.</summary>
    public async Task<(IReadOnlyList<Guid> AsGuest, IReadOnlyList<Guid> AsHost)> PendingRequestsAsync(Guid userId, CancellationToken cancellationToken)
    {
        var pending = await db.Bookings.Where(b => (b.GuestId == userId || b.HostId == userId) && b.Status == BookingStatus.Pending)
            .OrderBy(b => b.CreatedAt).Select(b => new { b.Id, b.GuestId }).ToListAsync(cancellationToken);
        return ([.. pending.Where(b => b.GuestId == userId).Select(b => b.Id)], [.. pending.Where(b => b.GuestId != userId).Select(b => b.Id)]);
    }

    /// <summary>
    /// Confirmed stays this user hosts or booked whose check-in (at the listing's check-in time, where it is) is still
    /// ahead, soonest first, each with whether the user is its guest.
    /// </summary>
    public async Task<IReadOnlyList<(Guid Id, bool AsGuest)>> UpcomingStaysOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // A day's margin for time zones: the exact instant is checked below, where the listing is.
        var yesterday = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1);
        var stays = await db.Bookings.AsNoTracking()
            .Where(b => (b.HostId == userId || b.GuestId == userId) && b.Status == BookingStatus.Confirmed && b.CheckIn >= yesterday)
            .OrderBy(b => b.CheckIn).ThenBy(b => b.Id)
            .Select(b => new { b.Id, b.GuestId, b.CheckIn, b.CheckInTime, b.TimeZone })
            .ToListAsync(cancellationToken);
        return [.. stays.Where(s => CancellationRules.InstantAt(s.CheckIn, s.CheckInTime, s.TimeZone) > now).Select(s => (s.Id, s.GuestId == userId))];
    }

    /// <summary>
    /// Requests to book made since <paramref name="since"/> that are settled, each with when the host answered (accepted,
    /// declined or called it off), or no answer when it lapsed. Requests still waiting, and ones the guest withdrew before
    /// any answer, say nothing about the host and are left out; instant bookings were never asked.
    /// </summary>
    public IQueryable<HostAsk> SettledRequestsSince(DateTimeOffset since) =>
        db.Bookings.AsNoTracking()
            .Where(b => b.CreatedAt >= since && b.Status != BookingStatus.Pending)
            .Select(b => new
            {
                b.HostId,
                b.CreatedAt,
                Settled = b.Transitions.Where(t => t.From == BookingStatus.Pending).OrderBy(t => t.At).Select(t => new { t.To, t.At }).FirstOrDefault(),
            })
            .Where(r => r.Settled != null && r.Settled.To != BookingStatus.CancelledByGuest)
            .Select(r => new HostAsk { HostId = r.HostId, AskedAt = r.CreatedAt, AnsweredAt = r.Settled!.To == BookingStatus.Expired ? null : r.Settled.At });

    /// <summary>Every booking of the user, as guest and as host, with its history: their copy of their data.</summary>
    public async Task<IReadOnlyList<BookingResponse>> AllOfUserAsync(Guid userId, CancellationToken cancellationToken) =>
        [.. (await db.Bookings.AsNoTracking().Include(b => b.Transitions)
            .Where(b => b.GuestId == userId || b.HostId == userId)
            .OrderBy(b => b.CreatedAt)
            .ToListAsync(cancellationToken)).Select(BookingResponse.From)];

    /// <summary>Its guest, its host, co-hosts of its listing who handle reservations, and admins see a booking; for anyone else it does not exist.</summary>
    public async Task<Outcome<BookingResponse>> GetAsync(Guid bookingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.AsNoTracking().Include(b => b.Transitions).SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        return booking is not null && (user.IsParticipantOrAdmin(booking.GuestId, booking.HostId)
                || await CoHosts.AllowsAsync(db, booking.ListingId, user.UserId(), CoHostAccess.Reservations, cancellationToken)
                || await TripGuests.IsCompanionAsync(db, booking.Id, user.UserId(), cancellationToken))
            ? BookingResponse.From(booking)
            : Failure.NotFound("The booking");
    }

    /// <summary>The booking's money as the ledger has it; the guest sees charges and refunds, the host and admins everything.</summary>
    public async Task<Outcome<BookingPaymentsResponse>> PaymentsAsync(Guid bookingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (booking is null || !user.IsParticipantOrAdmin(booking.GuestId, booking.HostId))
        {
            return Failure.NotFound("The booking");
        }

        var guestOnly = user.UserId() == booking.GuestId && !user.IsAdmin();
        var items = (await Ledger.ForBookingAsync(db, bookingId, cancellationToken))
            .Where(t => !guestOnly || t.Kind is LedgerKinds.Charge or LedgerKinds.Refund)
            // A lost chargeback is the platform's cost, not the host's: only admins see it here.
            .Where(t => t.Kind != LedgerKinds.DisputeLost || user.IsAdmin())
            .Select(t => new PaymentItem(t.Id, t.Kind, new Money(Math.Abs(AmountOn(t, bookingId)), t.Currency),
                t.Memo, t.GatewayReference, t.CreatedAt))
            .ToList();
        var held = booking.Status == BookingStatus.Pending && booking.PaymentIntentId is not null ? booking.Total : 0;
        return new BookingPaymentsResponse(booking.Id, new Money(held, booking.Currency), new Money(booking.AmountCaptured, booking.Currency), new Money(booking.AmountRefunded, booking.Currency), items);
    }

    /// <summary>Money movements show their gateway side; penalties, which never reach the gateway, the booking's host line.</summary>
    private static long AmountOn(LedgerTransaction transaction, Guid bookingId) => transaction.Kind switch
    {
        LedgerKinds.HostCancellationPenalty => transaction.Entries.Single(e => e.Account == LedgerAccount.HostPayable).Amount,
        LedgerKinds.PenaltyWithheld => transaction.Entries.First(e => e.BookingId == bookingId).Amount,
        _ => transaction.Entries.Single(e => e.Account == LedgerAccount.Gateway).Amount,
    };

    /// <summary>The stays the user booked and those they joined as a travel companion.</summary>
    public Task<Page<TripSummary>> TripsAsync(Guid guestId, TripFilter filter, int limit, TripsCursor? after, CancellationToken cancellationToken)
    {
        var joined = TripGuests.TripsOf(db, guestId);
        return ListAsync(b => b.GuestId == guestId || joined.Contains(b.Id), filter, limit, after, cancellationToken);
    }

    /// <summary>Admin support: a user's trips (or, as host, reservations) exactly as that user sees them.</summary>
    public async Task<Outcome<Page<TripSummary>>> OfUserAsync(Guid userId, bool asHost, TripFilter filter, int limit, TripsCursor? after, CancellationToken cancellationToken) =>
        !await accounts.ExistsAsync(userId, cancellationToken) ? Failure.NotFound("The user")
        : asHost ? await ReservationsAsync(userId, filter, limit, after, cancellationToken)
        : await TripsAsync(userId, filter, limit, after, cancellationToken);

    public Task<Page<TripSummary>> ReservationsAsync(Guid hostId, TripFilter filter, int limit, TripsCursor? after, CancellationToken cancellationToken) =>
        ListAsync(b => b.HostId == hostId, filter, limit, after, cancellationToken);

    /// <summary>Stays at the listings the user co-hosts with access to reservations.</summary>
    public Task<Page<TripSummary>> CoHostedReservationsAsync(Guid userId, TripFilter filter, int limit, TripsCursor? after, CancellationToken cancellationToken)
    {
        var listings = CoHosts.ListingsOf(db, userId, CoHostAccess.Reservations);
        return ListAsync(b => listings.Contains(b.ListingId), filter, limit, after, cancellationToken);
    }

    /// <summary>
    /// Upcoming soonest first; past and cancelled most recent first. Keyset on (check-in, id). A stay is upcoming until
    /// its check-out hour where the home is (a guest on the last morning is still there), then past, as completion
    /// reckons it.
    /// </summary>
    private async Task<Page<TripSummary>> ListAsync(System.Linq.Expressions.Expression<Func<Booking, bool>> owner, TripFilter filter, int limit, TripsCursor? after, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var live = new[] { BookingStatus.Pending, BookingStatus.Confirmed };
        var stayed = new[] { BookingStatus.Confirmed, BookingStatus.Completed };
        var ended = new[] { BookingStatus.Declined, BookingStatus.Expired, BookingStatus.CancelledByGuest, BookingStatus.CancelledByHost, BookingStatus.CancelledByRoost };

        // A completed stay's check-out has always come: completion waits for it.
        var bookings = db.Bookings.Where(owner);
        var query = filter switch
        {
            TripFilter.Upcoming => bookings.Where(b => live.Contains(b.Status) && b.CheckOutAt > now),
            TripFilter.Past => bookings.Where(b => stayed.Contains(b.Status) && b.CheckOutAt <= now),
            _ => bookings.Where(b => ended.Contains(b.Status)),
        };

        var ascending = filter == TripFilter.Upcoming;
        if (after is { } cursor)
        {
            query = ascending
                ? query.Where(b => EF.Functions.GreaterThan(ValueTuple.Create(b.CheckIn, b.Id), ValueTuple.Create(cursor.CheckIn, cursor.Id)))
                : query.Where(b => EF.Functions.LessThan(ValueTuple.Create(b.CheckIn, b.Id), ValueTuple.Create(cursor.CheckIn, cursor.Id)));
        }

        query = ascending ? query.OrderBy(b => b.CheckIn).ThenBy(b => b.Id) : query.OrderByDescending(b => b.CheckIn).ThenByDescending(b => b.Id);
        var rows = await query
            .Take(limit + 1)
            .Join(db.Listings, b => b.ListingId, l => l.Id, (b, l) => new { b.Id, b.ListingId, l.Title, b.GuestId, b.HostId, b.CheckIn, b.CheckOut, b.Guests, b.Status, b.Total, b.Currency, b.ExpiresAt, b.CreatedAt, b.BalanceAmount, b.BalanceDueAt })
            .ToListAsync(cancellationToken);
        rows = ascending ? [.. rows.OrderBy(r => r.CheckIn).ThenBy(r => r.Id)] : [.. rows.OrderByDescending(r => r.CheckIn).ThenByDescending(r => r.Id)];
        var items = rows.Take(limit).Select(r => new TripSummary(r.Id, r.ListingId, r.Title, r.GuestId, r.HostId, r.CheckIn, r.CheckOut, r.Guests, r.Status, new Money(r.Total, r.Currency), r.ExpiresAt, r.CreatedAt,
            r.BalanceAmount > 0 ? new Money(r.BalanceAmount, r.Currency) : null, r.BalanceDueAt)).ToList();
        var next = rows.Count > limit ? Cursor.Encode(new TripsCursor(items[^1].CheckIn, items[^1].Id)) : null;
        return new Page<TripSummary>(items, next);
    }
}
