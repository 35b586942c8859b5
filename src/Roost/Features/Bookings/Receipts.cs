using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Features.Listings;
using Roost.Features.Payments;
using Roost.Platform.Auth;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Money;

namespace Roost.Features.Bookings;

/// <param name="Item">accommodation, extra_guest_fee, discount (negative), cleaning_fee, service_fee or taxes.</param>
public sealed record ReceiptLine(string Item, string Description, Money Amount);

/// <param name="Kind">charge or refund.</param>
/// <param name="Reason">What it was for when not the booking itself: a change, a claim, the rule a refund followed.</param>
public sealed record ReceiptPayment(string Kind, Money Amount, DateTimeOffset At, string? Reference, string? Reason);

/// <summary>
/// What a guest shows an employer or a tax office: who stayed where and when, what the stay cost line by line (as it
/// stands now, after any change), and every payment and refund on the card. <see cref="Paid"/> is what the guest is
/// out of pocket; <see cref="Balance"/>, what is still to pay for a stay paid in two parts, and when.
/// </summary>
public sealed record Receipt(
    string ReceiptNumber,
    Guid BookingId,
    DateTimeOffset IssuedAt,
    string BilledTo,
    string ListingTitle,
    Address Address,
    string HostFirstName,
    DateOnly CheckIn,
    DateOnly CheckOut,
    int Nights,
    int Guests,
    BookingStatus Status,
    IReadOnlyList<ReceiptLine> Lines,
    Money Total,
    IReadOnlyList<ReceiptPayment> Payments,
    Money Charged,
    Money Refunded,
    Money Paid,
    BalanceResponse? Balance);

/// <summary>The guest's receipt for a stay they were charged for; admins may read it too (support is asked for copies).</summary>
public sealed class Receipts(RoostDb db, ListingReader listings, TimeProvider time)
{
    public async Task<Outcome<Receipt>> GetAsync(Guid bookingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (booking is null || !user.IsParticipantOrAdmin(booking.GuestId, booking.HostId))
        {
            return Failure.NotFound("The booking");
        }

        if (user.UserId() != booking.GuestId && !user.IsAdmin())
        {
            return Failure.Forbidden("The receipt is the guest's; what a stay paid you is in your earnings and payouts.");
        }

        if (booking.AmountCaptured == 0)
        {
            return Failure.Conflict("Nothing was charged for this booking, so there is no receipt.",
                booking.Status == BookingStatus.Pending ? "A request is charged when the host accepts it." : null);
        }

        var guestId = booking.GuestId;
        var billedTo = await db.Users.AsNoTracking().Where(u => u.Id == guestId).Select(u => (u.FirstName + " " + u.LastName).Trim()).SingleAsync(cancellationToken);
        var place = await listings.PrivateDetailsAsync(booking.ListingId, cancellationToken);
        var payments = (await Ledger.ForBookingAsync(db, booking.Id, cancellationToken))
            .Where(t => t.Kind is LedgerKinds.Charge or LedgerKinds.Refund)
            .Select(t => new ReceiptPayment(t.Kind, new Money(Math.Abs(t.Entries.Single(e => e.Account == LedgerAccount.Gateway).Amount), t.Currency), t.CreatedAt, t.GatewayReference, t.Memo))
            .ToList();
        var quote = booking.Quote;
        var currency = booking.Currency;
        return new Receipt(
            $"RST-{booking.CreatedAt:yyyyMMdd}-{booking.Id.ToString("N")[^8..].ToUpperInvariant()}",
            booking.Id,
            time.GetUtcNow(),
            billedTo,
            place.Title,
            place.Address,
            place.HostFirstName,
            booking.CheckIn,
            booking.CheckOut,
            quote.Nights,
            booking.Guests,
            booking.Status,
            Lines(quote),
            quote.Total,
            payments,
            new Money(booking.AmountCaptured, currency),
            new Money(booking.AmountRefunded, currency),
            new Money(booking.AmountCaptured - booking.AmountRefunded, currency),
            BalanceResponse.Of(booking));
    }

    // Quotes from before timing discounts name no reason: theirs was a length discount.
    private static string DiscountName(Quote quote) => quote.DiscountReason switch
    {
        "last_minute" => "Last-minute discount",
        "early_bird" => "Early-bird discount",
        _ => quote.Nights >= QuoteCalculator.MonthlyNights ? "Monthly discount" : "Weekly discount",
    };

    /// <summary>The quote's lines that are not zero, in the order a guest reads a bill; they add up to its total.</summary>
    public static IReadOnlyList<ReceiptLine> Lines(Quote quote)
    {
        var nightly = quote.Nightly.Select(n => n.Price.Amount).Distinct().Count() == 1
            ? $"{quote.Nights} night{(quote.Nights == 1 ? "" : "s")} × {Currency.Format(quote.Nightly[0].Price.Amount, quote.Total.Currency)}"
            : $"{quote.Nights} nights";
        ReceiptLine[] lines =
        [
            new("accommodation", nightly, quote.Subtotal),
            new("extra_guest_fee", "Extra guests", quote.ExtraGuestFee),
            new("discount", DiscountName(quote), quote.Discount with { Amount = -quote.Discount.Amount }),
            new("cleaning_fee", "Cleaning", quote.CleaningFee),
            new("pet_fee", quote.Pets == 1 ? "Pet fee (1 pet)" : $"Pet fee ({quote.Pets} pets)", quote.PetFee),
            new("service_fee", "Roost service fee", quote.ServiceFee),
            new("taxes", "Taxes", quote.Taxes),
        ];
        return [.. lines.Where(l => l.Amount.Amount != 0)];
    }
}
