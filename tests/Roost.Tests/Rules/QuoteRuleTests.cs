using CsCheck;
using Roost.Features.Bookings;
using Roost.Platform.Money;

namespace Roost.Tests.Rules;

public sealed class QuoteRuleTests
{
    private static readonly DateOnly CheckIn = new(2027, 6, 7);

    private static readonly Gen<(StayPricing Stay, PricingRates Rates)> Stays =
        Gen.Select(
            Gen.Long[1, 5_000_000].Array[1, 120],
            Gen.Int[1, 16],
            Gen.Long[0, 500_000],
            Gen.Long[0, 100_000],
            Gen.Int[1, 16],
            Gen.Int[0, 90],
            Gen.Int[0, 90],
            Gen.Decimal[0m, 30m],
            (prices, guests, cleaning, extraFee, extraAfter, weekly, monthly, tax) => (
                new StayPricing(Guid.Empty, CheckIn, guests, prices, cleaning, extraFee, extraAfter, weekly, monthly, "EUR"),
                new PricingRates(14, 3, Math.Round(tax, 3))));

    [Fact]
    public void A_quotes_lines_always_add_up_to_its_total_and_the_host_is_paid_the_rest() =>
        Stays.Sample(sample =>
        {
            var q = QuoteCalculator.Compute(sample.Stay, sample.Rates);
            return q.Total.Amount == q.Subtotal.Amount + q.ExtraGuestFee.Amount + q.CleaningFee.Amount - q.Discount.Amount + q.ServiceFee.Amount + q.Taxes.Amount
                && q.HostFee.Amount + q.HostPayout.Amount == q.Accommodation + q.CleaningFee.Amount
                && q.Nightly.Sum(n => n.Price.Amount) == q.Subtotal.Amount
                && q.Discount.Amount >= 0 && q.Discount.Amount <= q.Subtotal.Amount
                && q.Nights == sample.Stay.NightlyPrices.Count;
        });

    [Fact]
    public void Splitting_a_stay_never_changes_the_sum_of_its_nightly_prices() =>
        Gen.Select(Gen.Long[1, 5_000_000].Array[2, 90], Gen.Int[1, 89]).Sample((prices, cut) =>
        {
            var at = Math.Min(cut, prices.Length - 1);
            Quote Of(long[] nights, DateOnly from) => QuoteCalculator.Compute(new StayPricing(Guid.Empty, from, 1, nights, 0, 0, 1, 0, 0, "EUR"), new PricingRates(14, 3, 0));
            var whole = Of(prices, CheckIn);
            var first = Of(prices[..at], CheckIn);
            var second = Of(prices[at..], CheckIn.AddDays(at));
            return first.Subtotal.Amount + second.Subtotal.Amount == whole.Subtotal.Amount
                && first.CheckOut == second.CheckIn && second.CheckOut == whole.CheckOut;
        });

    [Theory]
    [InlineData(6, 0)]
    [InlineData(7, 10)]
    [InlineData(27, 10)]
    [InlineData(28, 25)]
    public void The_weekly_discount_starts_at_7_nights_and_the_monthly_one_at_28(int nights, int expectedPercent)
    {
        var quote = QuoteCalculator.Compute(
            new StayPricing(Guid.Empty, CheckIn, 1, Enumerable.Repeat(10_000L, nights).ToList(), 0, 0, 1, 10, 25, "EUR"), new PricingRates(14, 3, 0));

        quote.Discount.Amount.ShouldBe(nights * 10_000L * expectedPercent / 100);
    }

    [Theory]
    [InlineData(125, 2, 3)]    // 2.5 rounds away from zero, not to the even 2
    [InlineData(175, 2, 4)]    // 3.5 -> 4
    [InlineData(-125, 2, -3)]
    [InlineData(3, 14, 0)]     // 0.42
    public void Money_rounds_half_away_from_zero(long amount, int percent, long expected) =>
        MoneyMath.Percent(amount, percent).ShouldBe(expected);

    [Fact]
    public void Extra_guests_pay_per_night_above_the_included_number()
    {
        var quote = QuoteCalculator.Compute(new StayPricing(Guid.Empty, CheckIn, 5, [10_000, 10_000, 10_000], 0, 1_500, 2, 0, 0, "EUR"), new PricingRates(14, 3, 0));

        quote.ExtraGuestFee.Amount.ShouldBe(3 * 1_500 * 3);
    }
}
