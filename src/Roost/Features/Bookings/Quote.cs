using Roost.Platform.Money;

namespace Roost.Features.Bookings;

public sealed record NightPrice(DateOnly Date, Money Price);

/// <summary>
/// What a stay costs, line by line, in minor units of the listing's currency. Each line is rounded once and
/// <c>Total = Subtotal + ExtraGuestFee + CleaningFee − Discount + ServiceFee + Taxes</c> holds exactly.
/// </summary>
public sealed record Quote(
    Guid ListingId,
    DateOnly CheckIn,
    DateOnly CheckOut,
    int Guests,
    int Nights,
    IReadOnlyList<NightPrice> Nightly,
    Money Subtotal,
    Money ExtraGuestFee,
    Money CleaningFee,
    Money Discount,
    Money ServiceFee,
    Money Taxes,
    Money Total,
    Money HostFee,
    Money HostPayout)
{
    /// <summary>What the guest pays for the nights themselves, before fees and taxes. Arithmetic for refunds, not a line.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public long Accommodation => Subtotal.Amount + ExtraGuestFee.Amount - Discount.Amount;
}

public sealed record PricingRates(decimal GuestServiceFeePercent, decimal HostServiceFeePercent, decimal TaxPercent);

public sealed record StayPricing(
    Guid ListingId,
    DateOnly CheckIn,
    int Guests,
    IReadOnlyList<long> NightlyPrices,
    long CleaningFee,
    long ExtraGuestFee,
    int ExtraGuestsAfter,
    int WeeklyDiscountPercent,
    int MonthlyDiscountPercent,
    string Currency);

public static class QuoteCalculator
{
    public const int WeeklyNights = 7;
    public const int MonthlyNights = 28;

    /// <summary>
    /// Extra guests pay per night each; the weekly or monthly discount (the larger stay wins) applies to the nightly
    /// subtotal; the guest service fee and taxes are on the accommodation plus cleaning; the host fee comes off
    /// that same base and the host is paid the rest.
    /// </summary>
    public static Quote Compute(StayPricing stay, PricingRates rates)
    {
        var nights = stay.NightlyPrices.Count;
        var subtotal = stay.NightlyPrices.Sum();
        var extraGuests = Math.Max(0, stay.Guests - stay.ExtraGuestsAfter);
        var extraGuestFee = stay.ExtraGuestFee * extraGuests * nights;
        var discountPercent = nights >= MonthlyNights ? stay.MonthlyDiscountPercent : nights >= WeeklyNights ? stay.WeeklyDiscountPercent : 0;
        var discount = MoneyMath.Percent(subtotal, discountPercent);
        var feeBase = subtotal + extraGuestFee - discount + stay.CleaningFee;
        var serviceFee = MoneyMath.Percent(feeBase, rates.GuestServiceFeePercent);
        var taxes = MoneyMath.Percent(feeBase, rates.TaxPercent);
        var hostFee = MoneyMath.Percent(feeBase, rates.HostServiceFeePercent);
        var total = subtotal + extraGuestFee + stay.CleaningFee - discount + serviceFee + taxes;

        Money M(long amount) => new(amount, stay.Currency);
        return new Quote(
            stay.ListingId,
            stay.CheckIn,
            stay.CheckIn.AddDays(nights),
            stay.Guests,
            nights,
            stay.NightlyPrices.Select((price, i) => new NightPrice(stay.CheckIn.AddDays(i), M(price))).ToList(),
            M(subtotal),
            M(extraGuestFee),
            M(stay.CleaningFee),
            M(discount),
            M(serviceFee),
            M(taxes),
            M(total),
            M(hostFee),
            M(feeBase - hostFee));
    }
}
