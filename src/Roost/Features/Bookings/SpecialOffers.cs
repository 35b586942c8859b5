using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roost.Features.Calendar;
using Roost.Features.Listings;
using Roost.Platform.Auth;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Http;
using Roost.Platform.Money;
using Roost.Platform.Notifications;

namespace Roost.Features.Bookings;

/// <param name="Accommodation">
/// What the nights cost in all, in minor units of the listing's currency; cleaning, pet fee, service fee and taxes
/// come on top. Left out, the offer is a pre-approval: the stay at the listing's own prices and on its own rules,
/// which the guest may book at once instead of asking.
/// </param>
public sealed record MakeOfferRequest(
    [Required] Guid? GuestId,
    [Required] DateOnly? CheckIn,
    [Required] DateOnly? CheckOut,
    [Range(1, Quotes.MaxGuests)] int Guests,
    [Range(typeof(long), "1", "9223372036854775807")] long? Accommodation = null,
    [MaxLength(2000)] string? Message = null,
    [Range(0, Party.MaxInfants)] int Infants = 0,
    [Range(0, Party.MaxPets)] int Pets = 0);

/// <param name="Status">open, booked, withdrawn, or expired (an open offer past <c>expiresAt</c>).</param>
public sealed record OfferResponse(
    Guid Id, Guid ListingId, Guid HostId, Guid GuestId, DateOnly CheckIn, DateOnly CheckOut, int Guests, Quote Quote, string? Message,
    OfferStatus Status, DateTimeOffset ExpiresAt, Guid? BookingId, DateTimeOffset CreatedAt)
{
    public static OfferResponse From(SpecialOffer o, DateTimeOffset now) => new(
        o.Id, o.ListingId, o.HostId, o.GuestId, o.CheckIn, o.CheckOut, o.Guests, o.Quote, o.Message, o.StatusAt(now), o.ExpiresAt, o.BookingId, o.CreatedAt);
}

public sealed record OffersCursor(DateTimeOffset CreatedAt, Guid Id);

/// <summary>
/// Hosts' special offers to guests who asked about a home: made, listed, withdrawn. Booking one goes through
/// <see cref="BookingRequests"/>, which takes the offer's quote and confirms at once.
/// </summary>
public sealed class SpecialOffers(RoostDb db, Quotes quotes, IBookingMessages messages, IOptions<BookingOptions> options, TimeProvider time)
{
    public async Task<Outcome<OfferResponse>> MakeAsync(Guid listingId, MakeOfferRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (checkIn, checkOut, guestId) = (request.CheckIn!.Value, request.CheckOut!.Value, request.GuestId!.Value);
        var party = new Party(request.Guests, request.Infants, request.Pets);
        if (Quotes.ShapeProblem(checkIn, checkOut, party) is { } shape)
        {
            return shape;
        }

        var access = await ListingAccess.ForEditAsync(db, listingId, user, cancellationToken);
        if (access.Failure is { } failure)
        {
            return failure;
        }

        var listing = access.Value!;
        if (listing.HostId != user.UserId())
        {
            return Failure.Forbidden("Only the listing's host makes offers for it.");
        }

        if (request.Accommodation > Currency.MaxAmount(listing.Currency))
        {
            return Failure.Validation("accommodation", $"At most {Currency.MaxAmount(listing.Currency)} minor units of {listing.Currency}.");
        }

        var stay = new NightRange(checkIn, checkOut);
        if (request.Accommodation is { } named && named < stay.Nights)
        {
            return Failure.Validation("accommodation", "At least one minor unit a night.");
        }

        // Offers answer people who asked; a host does not send prices to strangers.
        var bookings = db.Bookings;
        if (guestId == listing.HostId
            || !(await messages.HasAskedAboutAsync(listingId, guestId, cancellationToken)
                || await bookings.AnyAsync(b => b.ListingId == listingId && b.GuestId == guestId, cancellationToken)))
        {
            return Failure.Unprocessable("An offer goes to a guest who wrote to you about this home or asked to book it.",
                new Dictionary<string, string[]> { ["guestId"] = ["Not a guest who asked about this listing."] });
        }

        var quote = request.Accommodation is { } accommodation
            ? await quotes.OfferAsync(listing, stay, party, accommodation, cancellationToken)
            : await quotes.QuoteAsync(listing, stay, party, cancellationToken);
        if (quote.Failure is { } unbookable)
        {
            return unbookable;
        }

        var now = time.GetUtcNow();
        var offer = SpecialOffer.Make(listing, guestId, quote.Value!, request.Message?.Trim(), Booking.AnswerDeadline(now, options.Value.RequestLifetime, checkIn, listing.CheckInTime, listing.TimeZone!), now);
        db.Add(offer);
        Notify.Add(db, guestId, "special_offer", request.Accommodation is null ? "The host pre-approved your stay" : "The host made you an offer",
            $"{listing.Title}, {checkIn:yyyy-MM-dd} to {checkOut:yyyy-MM-dd}, {Currency.Format(offer.Quote.Total.Amount, offer.Quote.Total.Currency)} in all. Book it by {offer.ExpiresAt:yyyy-MM-dd HH:mm} UTC."
            + (offer.Message is null ? "" : $" The host wrote: {offer.Message}"),
            new { offerId = offer.Id, listingId }, now);
        await db.SaveChangesAsync(cancellationToken);
        return OfferResponse.From(offer, now);
    }

    /// <summary>Offers the caller made or was made, newest first.</summary>
    public async Task<Page<OfferResponse>> MineAsync(Guid userId, int limit, OffersCursor? after, CancellationToken cancellationToken)
    {
        var query = db.Set<SpecialOffer>().AsNoTracking().Where(o => o.GuestId == userId || o.HostId == userId);
        if (after is not null)
        {
            query = query.Where(o => o.CreatedAt < after.CreatedAt || (o.CreatedAt == after.CreatedAt && o.Id.CompareTo(after.Id) < 0));
        }

        var rows = await query.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return new Page<OfferResponse>(
            [.. rows.Take(limit).Select(o => OfferResponse.From(o, now))],
            rows.Count > limit ? Cursor.Encode(new OffersCursor(rows[limit - 1].CreatedAt, rows[limit - 1].Id)) : null);
    }

    public Task<Outcome<OfferResponse>> WithdrawAsync(Guid offerId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        CloseAsync(offerId, user, byHost: true, cancellationToken);

    /// <summary>The guest says no; the host hears of it.</summary>
    public Task<Outcome<OfferResponse>> DeclineAsync(Guid offerId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        CloseAsync(offerId, user, byHost: false, cancellationToken);

    private async Task<Outcome<OfferResponse>> CloseAsync(Guid offerId, ClaimsPrincipal user, bool byHost, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM special_offers WHERE id = {offerId} FOR UPDATE", cancellationToken);
        var offer = await db.Set<SpecialOffer>().SingleOrDefaultAsync(o => o.Id == offerId, cancellationToken);
        if (offer is null || !user.IsParticipantOrAdmin(offer.GuestId, offer.HostId))
        {
            return Failure.NotFound("The offer");
        }

        if (user.UserId() != (byHost ? offer.HostId : offer.GuestId))
        {
            return Failure.Forbidden(byHost ? "Only the host who made an offer withdraws it." : "Only the guest it was made to declines an offer.");
        }

        var now = time.GetUtcNow();
        if ((byHost ? offer.Withdraw(now) : offer.Decline(now)) is { } refused)
        {
            return refused;
        }

        if (!byHost)
        {
            Notify.Add(db, offer.HostId, "special_offer_declined", "Your offer was declined",
                $"The guest will not book {offer.CheckIn:yyyy-MM-dd} to {offer.CheckOut:yyyy-MM-dd} at your offer.", new { offerId = offer.Id, listingId = offer.ListingId }, now);
        }

        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return OfferResponse.From(offer, now);
    }
}
