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
            Gen.Select(Gen.Int[1, 16], Gen.Int[0, Party.MaxInfants], Gen.Int[0, Party.MaxPets], (guests, infants, pets) => new Party(guests, infants, pets)),
            Gen.Select(Gen.Long[0, 500_000], Gen.Long[0, 200_000]),
            Gen.Long[0, 100_000],
            Gen.Int[1, 16],
            Gen.Select(Gen.Int[0, 90], Gen.Int[0, 90]),
            Gen.Select(Gen.Int[0, 90], Gen.Int[0, 90]),
            Gen.Decimal[0m, 30m],
            (prices, party, stayFees, extraFee, extraAfter, length, timing, tax) => (
                new StayPricing(Guid.Empty, CheckIn, party, prices, stayFees.Item1, extraFee, extraAfter, length.Item1, length.Item2, "EUR", stayFees.Item2, timing.Item1, timing.Item2),
                new PricingRates(14, 3, Math.Round(tax, 3))));

    [Fact]
    public void A_quotes_lines_always_add_up_to_its_total_and_the_host_is_paid_the_rest() =>
        Stays.Sample(sample =>
        {
            var q = QuoteCalculator.Compute(sample.Stay, sample.Rates);
            return q.Total.Amount == q.Subtotal.Amount + q.ExtraGuestFee.Amount + q.CleaningFee.Amount + q.PetFee.Amount - q.Discount.Amount + q.ServiceFee.Amount + q.Taxes.Amount
                && q.HostFee.Amount + q.HostPayout.Amount == q.Accommodation + q.CleaningFee.Amount + q.PetFee.Amount
                && q.PetFee.Amount == (sample.Stay.Party.Pets > 0 ? sample.Stay.PetFee : 0)
                && q.Nightly.Sum(n => n.Price.Amount) == q.Subtotal.Amount
                && q.Discount.Amount >= 0 && q.Discount.Amount <= q.Subtotal.Amount
                && (q.Discount.Amount == 0) == (q.DiscountReason is null)
                && q.Nights == sample.Stay.NightlyPrices.Count;
        });

    [Fact]
    public void Splitting_a_stay_never_changes_the_sum_of_its_nightly_prices() =>
        Gen.Select(Gen.Long[1, 5_000_000].Array[2, 90], Gen.Int[1, 89]).Sample((prices, cut) =>
        {
            var at = Math.Min(cut, prices.Length - 1);
            Quote Of(long[] nights, DateOnly from) => QuoteCalculator.Compute(new StayPricing(Guid.Empty, from, new Party(1), nights, 0, 0, 1, 0, 0, "EUR"), new PricingRates(14, 3, 0));
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
            new StayPricing(Guid.Empty, CheckIn, new Party(1), Enumerable.Repeat(10_000L, nights).ToList(), 0, 0, 1, 10, 25, "EUR"), new PricingRates(14, 3, 0));

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
        var quote = QuoteCalculator.Compute(new StayPricing(Guid.Empty, CheckIn, new Party(5), [10_000, 10_000, 10_000], 0, 1_500, 2, 0, 0, "EUR"), new PricingRates(14, 3, 0));

        quote.ExtraGuestFee.Amount.ShouldBe(3 * 1_500 * 3);
    }

    [Fact]
    public void Infants_do_not_count_as_extra_guests_and_the_pet_fee_is_charged_once_a_stay_with_service_fee_and_tax_on_it()
    {
        StayPricing Stay(Party party) => new(Guid.Empty, CheckIn, party, [10_000, 10_000, 10_000], 2_000, 1_500, 2, 0, 0, "EUR", PetFee: 3_000);
        var rates = new PricingRates(14, 3, 10);

        var withInfants = QuoteCalculator.Compute(Stay(new Party(2, Infants: 3)), rates);
        var withPets = QuoteCalculator.Compute(Stay(new Party(2, Pets: 2)), rates);

        withInfants.ExtraGuestFee.Amount.ShouldBe(0);
        withInfants.PetFee.Amount.ShouldBe(0);
        withInfants.Infants.ShouldBe(3);
        withPets.PetFee.Amount.ShouldBe(3_000); // per stay, not per pet or per night
        withPets.ServiceFee.Amount.ShouldBe(MoneyMath.Percent(30_000 + 2_000 + 3_000, 14));
        withPets.Taxes.Amount.ShouldBe(MoneyMath.Percent(30_000 + 2_000 + 3_000, 10));
        withPets.Total.Amount.ShouldBe(withInfants.Total.Amount + 3_000 + MoneyMath.Percent(3_000, 14) + MoneyMath.Percent(3_000, 10));
    }

    [Theory]
    [InlineData(10, 0, 0, 10, "weekly")]
    [InlineData(10, 15, 0, 15, "last_minute")]
    [InlineData(10, 0, 12, 12, "early_bird")]
    [InlineData(20, 20, 0, 20, "weekly")]          // a tie goes to the length discount
    [InlineData(10, 15, 30, 30, "early_bird")]     // the largest applies; discounts do not add up
    public void One_discount_applies_the_largest_the_stay_qualifies_for(int weekly, int lastMinute, int earlyBird, int expectedPercent, string expectedReason)
    {
        var quote = QuoteCalculator.Compute(
            new StayPricing(Guid.Empty, CheckIn, new Party(1), Enumerable.Repeat(10_000L, 7).ToList(), 0, 0, 1, weekly, 25, "EUR", 0, lastMinute, earlyBird),
            new PricingRates(14, 3, 0));

        quote.Discount.Amount.ShouldBe(70_000L * expectedPercent / 100);
        quote.DiscountReason.ShouldBe(expectedReason);
    }

    [Fact]
    public void A_stay_without_a_discount_names_no_reason() =>
        QuoteCalculator.Compute(new StayPricing(Guid.Empty, CheckIn, new Party(1), [10_000, 10_000], 0, 0, 1, 10, 25, "EUR"), new PricingRates(14, 3, 0))
            .DiscountReason.ShouldBeNull();

    [Fact]
    public void Giving_back_part_of_what_a_payment_holds_never_takes_more_from_a_party_than_it_holds_and_adds_up() =>
        Gen.Select(Gen.Long[0, 5_000_000].Array[3], Gen.Double[0, 1]).Sample((held, fraction) =>
        {
            var amount = (long)(held.Sum() * fraction);
            var parts = MoneyMath.Apportion(amount, held);
            return parts.Sum() == amount && parts.Zip(held).All(p => p.First >= 0 && p.First <= p.Second);
        });

    [Theory]
    [InlineData(1, new long[] { 1, 0, 1 }, new long[] { 1, 0, 0 })]     // rounding each half up would give 2 of 1
    [InlineData(100, new long[] { 1, 1, 1 }, new long[] { 34, 33, 33 })] // the remainder goes to the first of equals
    [InlineData(12_000, new long[] { 12_000, 0, 0 }, new long[] { 12_000, 0, 0 })]
    public void A_split_gives_the_remainder_to_the_largest_fractions(long amount, long[] weights, long[] expected) =>
        MoneyMath.Apportion(amount, weights).ShouldBe(expected);
}
