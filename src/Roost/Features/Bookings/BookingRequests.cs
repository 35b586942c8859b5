using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Roost.Features.Accounts;
using Roost.Features.Calendar;
using Roost.Features.Listings;
using Roost.Features.Payments;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Http;
using Roost.Platform.Money;

namespace Roost.Features.Bookings;

/// <summary>
/// Creating a booking: the nights are claimed first (the exclusion constraint decides races, so 50 guests asking for
/// the same nights get one booking and 49 conflicts), then the payment is authorized; a failed payment rolls the
/// claim back, so it leaves no live booking.
/// </summary>
public sealed class BookingRequests(
    RoostDb db,
    Quotes quotes,
    IPaymentGateway gateway,
    ListingChanges changes,
    BookingLedger ledger,
    IdempotentAnswer answer,
    IBookingMessages messages,
    DeclinedPayments declines,
    IOptions<BookingOptions> options,
    TimeProvider time,
    IServiceScopeFactory scopes,
    ILogger<BookingRequests> logger)
{
    public async Task<Outcome<BookingResponse>> CreateAsync(Guid guestId, CreateBookingRequest request, CancellationToken cancellationToken)
    {
        var stay = new NightRange(request.CheckIn!.Value, request.CheckOut!.Value);
        if (Quotes.ShapeProblem(stay.Start, stay.End, request.Party) is { } shape)
        {
            return shape;
        }

        if (request.ExpectedTotal is { } quoted && !quoted.IsWellFormed())
        {
            return Failure.Validation("expectedTotal", "A quote's total as the quote gave it: {\"amount\": minor units, \"currency\": \"EUR\"}.");
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (options.Value.LimitsGuests)
        {
            // One booking attempt at a time per guest, so the limits below cannot be raced past.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"booking-guest:" + guestId}, 0))", cancellationToken);
        }

        var listing = await db.Listings.AsNoTracking().SingleOrDefaultAsync(l => l.Id == request.ListingId, cancellationToken);
        if (listing is null || !listing.IsVisibleTo(null, false))
        {
            return Failure.NotFound("The listing");
        }

        // A host's special offer is a yes given in advance: booked at once, at its price, whatever the listing's rules.
        SpecialOffer? offer = null;
        if (request.OfferId is { } offerId)
        {
            offer = await OfferAsync(offerId, cancellationToken);
            if ((offer is null ? Failure.NotFound("The offer") : offer.BookingRefusal(guestId, listing.Id, stay.Start, stay.End, request.Party, now)) is { } notOffered)
            {
                return notOffered;
            }
        }

        var instant = offer is not null || (listing.InstantBook
            && (listing.InstantBookFor == InstantBookFor.Everyone || InstantBookRules.Admits(listing.InstantBookFor, await GuestStanding.OfAsync(db, guestId, cancellationToken))));
        if (await LimitProblemAsync(guestId, isRequest: !instant, now, cancellationToken) is { } limit)
        {
            return limit;
        }

        if (listing.HostId == guestId)
        {
            return Failure.Unprocessable("Hosts cannot book their own listings.");
        }

        var quote = offer is not null ? (Outcome<Quote>)offer.Quote : await quotes.QuoteAsync(listing, stay, request.Party, cancellationToken);
        if (quote.Failure is { } unbookable)
        {
            // Someone holds these nights: that is a conflict with the calendar's state, whatever else is wrong.
            return unbookable.Errors?.ContainsKey(Quotes.NightsUnavailable) == true
                ? unbookable with { Status = StatusCodes.Status409Conflict, Code = "CONFLICT" }
                : unbookable;
        }

        // The guest pays what the quote they saw said, or nothing: a host who changed prices in between gets no
        // booking at a total the guest never agreed to.
        if (request.ExpectedTotal is { } expected && !expected.SameAs(quote.Value!.Total))
        {
            return PriceChanged(quote.Value!.Total);
        }

        PartPayment? plan = null;
        if (request.PayPartNow && (plan = PartPayments.For(quote.Value!, listing, options.Value, now)) is null)
        {
            return Failure.Unprocessable(PartPayments.Unavailable, new Dictionary<string, string[]> { ["payPartNow"] = [PartPayments.Unavailable] });
        }

        if (await declines.RefusalAsync(guestId) is { } cardTesting)
        {
            return cardTesting;
        }

        // Claim the nights first: a race for them is settled here, before any money moves.
        Occupancy? occupancy;
        try
        {
            occupancy = await BookingClaims.ClaimAsync(db, listing.Id, stay, listing.PreparationNights, now, cancellationToken);
        }
        catch (PostgresException ex) when (ex.IsLostClaim())
        {
            return Failure.Conflict("Those nights were just booked by someone else.", "Pick other dates.");
        }

        if (occupancy is null)
        {
            return Failure.Conflict("The host stopped taking bookings for this listing just now.");
        }

        // From the payment on, a guest who goes away no longer stops the booking: a payment abandoned halfway (the
        // card charged, the booking rolled back) is worse than finishing, and the retry replays the stored answer.
        var booking = Booking.Create(Guid.CreateVersion7(now), listing, instant, guestId, quote.Value!, request.PaymentMethod, request.Message?.Trim(), occupancy.Id, now, options.Value.RequestLifetime, offered: offer is not null);
        if (plan is not null)
        {
            booking.PayRestLater(plan);
        }

        var payment = await gateway.AuthorizeAsync(
            new PaymentRequest(booking.FirstPayment, booking.Currency, request.PaymentMethod, CaptureNow: instant, $"booking:{booking.Id}:authorize", $"Roost booking {booking.Id}", booking.Id.ToString(), guestId),
            CancellationToken.None);
        if (!payment.Succeeded)
        {
            await declines.DeclinedAsync(guestId);
            return PaymentFailed(payment);
        }

        booking.PaymentAuthorized(payment.IntentId!, payment.AmountCaptured, payment.PaymentMethod);
        db.Bookings.Add(booking);
        offer?.Booked(booking.Id, now);
        if (payment.Status == IntentStatus.Succeeded)
        {
            ledger.Charged(booking, payment.IntentId!, now);
        }

        BookingNotices.Created(db, booking, listing.Title, now);
        if (booking.Status == BookingStatus.Pending && listing.ReservationCoHosts > 0)
        {
            await BookingNotices.CoHostsAskedAsync(db, booking, listing.Title, now, CancellationToken.None);
        }
        if (booking.Message is not null)
        {
            await messages.PostAsync(booking, CancellationToken.None);
        }

        var response = BookingResponse.From(booking);
        answer.StoreWith(db, response);
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }
        catch
        {
            if (!await LandedAsync(booking.Id))
            {
                // The money moved but the booking did not land: give it back before reporting the failure.
                await gateway.VoidAsync(payment.IntentId!, $"booking:{booking.Id}:void", CancellationToken.None);
                await gateway.RefundAsync(payment.IntentId!, payment.AmountCaptured, $"booking:{booking.Id}:refund-failed-commit", CancellationToken.None);
                throw;
            }

            logger.LogWarning("Booking {BookingId} committed, but the commit's answer was lost on the way back", booking.Id);
        }

        changes.AvailabilityChanged();
        logger.LogInformation("Booking {BookingId} {Status} for listing {ListingId}", booking.Id, booking.Status, listing.Id);
        return response;
    }

    /// <summary>
    /// Whether the booking is in the database, asked on a connection of its own: a commit whose answer was lost (the
    /// connection broke after PostgreSQL committed) must not be refunded. When even that cannot be answered, the money
    /// goes back, and reconciliation reports the booking whose payment then disagrees with its ledger.
    /// </summary>
    private async Task<bool> LandedAsync(Guid bookingId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<RoostDb>().Bookings.AnyAsync(b => b.Id == bookingId);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            logger.LogError(ex, "Could not tell whether booking {BookingId} landed; its payment is returned", bookingId);
            return false;
        }
    }

    /// <summary>The offer, locked: two bookings racing with one offer are taken one at a time, and the second finds it booked.</summary>
    private async Task<SpecialOffer?> OfferAsync(Guid offerId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM special_offers WHERE id = {offerId} FOR UPDATE", cancellationToken);
        return await db.Set<SpecialOffer>().SingleOrDefaultAsync(o => o.Id == offerId, cancellationToken);
    }

    private static Failure PriceChanged(Money total) => new(
        StatusCodes.Status409Conflict,
        "PRICE_CHANGED",
        $"The price of this stay has changed: it is now {Currency.Format(total.Amount, total.Currency)}.",
        "No booking was made and nothing was charged; get a new quote and book at its total.",
        Extensions: new Dictionary<string, object?> { ["total"] = total });

    /// <param name="detail">What the failure left as it was, in the caller's words.</param>
    public static Failure PaymentFailed(PaymentResult payment, string detail = "No booking was made; try another payment method.") => new(
        StatusCodes.Status402PaymentRequired,
        "PAYMENT_FAILED",
        payment.Message ?? (payment.Succeeded ? "An earlier try at this payment was given back; nothing was charged." : "The payment failed."),
        detail,
        Extensions: new Dictionary<string, object?> { ["paymentError"] = payment.ErrorCode, ["declineCode"] = payment.DeclineCode });

    /// <summary>OWASP API6: nobody holds a whole calendar with requests, or books stay after stay in a day.</summary>
    private async Task<Failure?> LimitProblemAsync(Guid guestId, bool isRequest, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        // Counting stops at the limit, and the status is inlined so the partial index of pending bookings serves it.
        var pending = isRequest && limits.MaxPendingRequestsPerGuest > 0
            ? await db.Bookings.Where(b => b.GuestId == guestId && b.Status == EF.Constant(BookingStatus.Pending)).Take(limits.MaxPendingRequestsPerGuest).CountAsync(cancellationToken)
            : 0;
        if (isRequest && limits.MaxPendingRequestsPerGuest > 0 && pending >= limits.MaxPendingRequestsPerGuest)
        {
            return Failure.Unprocessable($"You have {pending} requests waiting for hosts; wait for an answer or withdraw one first.");
        }

        if (limits.MaxBookingsPerGuestPerDay <= 0)
        {
            return null;
        }

        // The Nth most recent booking of the last 24 hours, if there is one, is the limit being reached; the guest may
        // book again once it is a day old. One indexed probe that reads at most N index entries.
        var dayAgo = now.AddDays(-1);
        var boundary = await db.Bookings
            .Where(b => b.GuestId == guestId && b.CreatedAt > dayAgo)
            .OrderByDescending(b => b.CreatedAt)
            .Skip(limits.MaxBookingsPerGuestPerDay - 1)
            .Select(b => (DateTimeOffset?)b.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return boundary is { } oldest
            ? Failure.TooManyRequests($"At most {limits.MaxBookingsPerGuestPerDay} bookings a day.", oldest + TimeSpan.FromDays(1) - now)
            : null;
    }
}
