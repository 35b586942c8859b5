using Roost.Platform.Money;

namespace Roost.Features.Bookings;

public sealed record NightPrice(DateOnly Date, Money Price);

/// <summary>
/// Who is coming. Guests (adults and children) count towards what the home sleeps and the extra-guest fee; infants
/// under two do not, but the host should know (a cot); pets need a home that takes them and may bring a fee.
/// </summary>
public sealed record Party(int Guests, int Infants = 0, int Pets = 0)
{
    public const int MaxInfants = 5;
    public const int MaxPets = 5;

    public string Describe() =>
        $"{Guests} guest{(Guests == 1 ? "" : "s")}"
        + (Infants > 0 ? $", {Infants} infant{(Infants == 1 ? "" : "s")}" : "")
        + (Pets > 0 ? $", {Pets} pet{(Pets == 1 ? "" : "s")}" : "");
}

/// <summary>
/// The quote's sums in a currency the guest reads (asked with <c>currency=</c>), at the ECB reference rates of
/// <paramref name="RatesAsOf"/>: for reading only, as the stay is charged in the listing's currency. Never part of a
/// booking's snapshot.
/// </summary>
public sealed record QuoteDisplay(string Currency, DateOnly RatesAsOf, Money? Subtotal, Money? ServiceFee, Money? Taxes, Money? Total)
{
    public static QuoteDisplay Of(Quote quote, CurrencyConverter converter) => new(
        converter.Currency, converter.AsOf, converter.Convert(quote.Subtotal), converter.Convert(quote.ServiceFee), converter.Convert(quote.Taxes), converter.Convert(quote.Total));
}

/// <summary>
/// What a stay costs, line by line, in minor units of the listing's currency. Each line is rounded once and
/// <c>Total = Subtotal + ExtraGuestFee + CleaningFee + PetFee − Discount + ServiceFee + Taxes</c> holds exactly.
/// </summary>
/// <param name="DiscountReason">Which discount the stay got (weekly, monthly, last_minute or early_bird), or null for none.</param>
/// <param name="Display">Only when asked for with <c>currency=</c>; see <see cref="QuoteDisplay"/>.</param>
/// <param name="PayPartNow">Only on a quote a guest asks for, when the stay may be paid in two parts (<see cref="PartPayments"/>).</param>
/// <param name="FreeCancellationUntil">Only on a quote a guest asks for: booked now, until when cancelling gives everything back; left out when never.</param>
public sealed record Quote(
    Guid ListingId,
    DateOnly CheckIn,
    DateOnly CheckOut,
    int Guests,
    int Infants,
    int Pets,
    int Nights,
    IReadOnlyList<NightPrice> Nightly,
    Money Subtotal,
    Money ExtraGuestFee,
    Money CleaningFee,
    Money PetFee,
    Money Discount,
    string? DiscountReason,
    Money ServiceFee,
    Money Taxes,
    Money Total,
    Money HostFee,
    Money HostPayout,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] QuoteDisplay? Display = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] PartPayment? PayPartNow = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? FreeCancellationUntil = null)
{
    /// <summary>What the guest pays for the nights themselves, before fees and taxes. Arithmetic for refunds, not a line.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public long Accommodation => Subtotal.Amount + ExtraGuestFee.Amount - Discount.Amount;

    /// <summary>The fees charged once a stay (cleaning, pets): refunded whole before check-in, earned by the host.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public long StayFees => CleaningFee.Amount + PetFee.Amount;

    [System.Text.Json.Serialization.JsonIgnore]
    public Party Party => new(Guests, Infants, Pets);
}

public sealed record PricingRates(decimal GuestServiceFeePercent, decimal HostServiceFeePercent, decimal TaxPercent);

/// <param name="PetFee">Charged once a stay when the party brings any pet.</param>
/// <param name="LastMinuteDiscountPercent">The host's last-minute discount when this stay is booked late enough for it, else 0.</param>
/// <param name="EarlyBirdDiscountPercent">The host's early-bird discount when this stay is booked far enough ahead, else 0.</param>
public sealed record StayPricing(
    Guid ListingId,
    DateOnly CheckIn,
    Party Party,
    IReadOnlyList<long> NightlyPrices,
    long CleaningFee,
    long ExtraGuestFee,
    int ExtraGuestsAfter,
    int WeeklyDiscountPercent,
    int MonthlyDiscountPercent,
    string Currency,
    long PetFee = 0,
    int LastMinuteDiscountPercent = 0,
    int EarlyBirdDiscountPercent = 0);

public static class QuoteCalculator
{
    public const int WeeklyNights = 7;
    public const int MonthlyNights = 28;

    /// <summary>
    /// Extra guests pay per night each; one discount applies to the nightly subtotal, the largest of the length
    /// discount (weekly, or monthly from 28 nights) and the last-minute and early-bird ones the stay qualifies for
    /// (a tie goes to the length discount); the guest service fee and taxes are on the accommodation plus the stay's fees (cleaning, pets); the
    /// host fee comes off that same base and the host is paid the rest.
    /// </summary>
    public static Quote Compute(StayPricing stay, PricingRates rates)
    {
        var nights = stay.NightlyPrices.Count;
        var subtotal = stay.NightlyPrices.Sum();
        var extraGuests = Math.Max(0, stay.Party.Guests - stay.ExtraGuestsAfter);
        var petFee = stay.Party.Pets > 0 ? stay.PetFee : 0;
        var extraGuestFee = stay.ExtraGuestFee * extraGuests * nights;
        (int Percent, string Reason)[] discounts =
        [
            nights >= MonthlyNights ? (stay.MonthlyDiscountPercent, "monthly") : (nights >= WeeklyNights ? stay.WeeklyDiscountPercent : 0, "weekly"),
            (stay.LastMinuteDiscountPercent, "last_minute"),
            (stay.EarlyBirdDiscountPercent, "early_bird"),
        ];
        var best = discounts.MaxBy(d => d.Percent);
        var discount = MoneyMath.Percent(subtotal, best.Percent);
        var feeBase = subtotal + extraGuestFee - discount + stay.CleaningFee + petFee;
        var serviceFee = MoneyMath.Percent(feeBase, rates.GuestServiceFeePercent);
        var taxes = MoneyMath.Percent(feeBase, rates.TaxPercent);
        var hostFee = MoneyMath.Percent(feeBase, rates.HostServiceFeePercent);
        var total = subtotal + extraGuestFee + stay.CleaningFee + petFee - discount + serviceFee + taxes;

        Money M(long amount) => new(amount, stay.Currency);
        return new Quote(
            stay.ListingId,
            stay.CheckIn,
            stay.CheckIn.AddDays(nights),
            stay.Party.Guests,
            stay.Party.Infants,
            stay.Party.Pets,
            nights,
            stay.NightlyPrices.Select((price, i) => new NightPrice(stay.CheckIn.AddDays(i), M(price))).ToList(),
            M(subtotal),
            M(extraGuestFee),
            M(stay.CleaningFee),
            M(petFee),
            M(discount),
            discount > 0 ? best.Reason : null,
            M(serviceFee),
            M(taxes),
            M(total),
            M(hostFee),
            M(feeBase - hostFee));
    }
}
