using Roost.Features.Bookings;
using Roost.Features.Listings;
using Roost.Platform.Money;

namespace Roost.Tests.Rules;

/// <summary>Each policy around its boundaries, in the listing's time zone (Lisbon: WET in winter, WEST from the last Sunday of March).</summary>
public sealed class CancellationRuleTests
{
    private const string Lisbon = "Europe/Lisbon";
    private static readonly TimeOnly CheckInTime = new(15, 0);

    // 2027-03-30 15:00 WEST = 14:00 UTC; the clocks moved forward on 2027-03-28.
    private static readonly DateOnly CheckIn = new(2027, 3, 30);
    private static readonly Quote Stay = QuoteCalculator.Compute(
        new StayPricing(Guid.Empty, CheckIn, new Party(2), [10_000, 12_000, 10_000, 10_000], 4_000, 0, 2, 0, 0, "EUR"), new PricingRates(14, 3, 6));

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2027, month, day, hour, minute, 0, TimeSpan.Zero);

    private static RefundBreakdown Cancel(CancellationPolicy policy, DateTimeOffset at, DateTimeOffset? bookedAt = null) =>
        CancellationRules.ForGuest(Stay, policy, bookedAt ?? Utc(1, 1, 12), at, CheckInTime, Lisbon);

    private static long Nights(RefundBreakdown refund) => refund.Lines.Single(l => l.Item == "nights").Refunded.Amount;

    [Fact]
    public void Check_in_is_at_the_listings_local_time()
    {
        CancellationRules.InstantAt(CheckIn, CheckInTime, Lisbon).ShouldBe(Utc(3, 30, 14));
        CancellationRules.InstantAt(new DateOnly(2027, 3, 20), CheckInTime, Lisbon).ShouldBe(Utc(3, 20, 15));
    }

    [Fact]
    public void Flexible_refunds_fully_until_24_hours_before_then_keeps_the_first_night()
    {
        Nights(Cancel(CancellationPolicy.Flexible, Utc(3, 29, 14))).ShouldBe(Stay.Accommodation);
        Nights(Cancel(CancellationPolicy.Flexible, Utc(3, 29, 14, 1))).ShouldBe(Stay.Accommodation - 10_000);
    }

    [Fact]
    public void Moderate_counts_5_local_days_across_the_clock_change()
    {
        // 5 days before 15:00 local on 30 March is 15:00 local on 25 March, still winter time: 15:00 UTC.
        // Counting 5 × 24 hours back from 14:00 UTC would wrongly end the full refund an hour earlier.
        Nights(Cancel(CancellationPolicy.Moderate, Utc(3, 25, 14, 30))).ShouldBe(Stay.Accommodation);
        Nights(Cancel(CancellationPolicy.Moderate, Utc(3, 25, 15))).ShouldBe(Stay.Accommodation);
        Nights(Cancel(CancellationPolicy.Moderate, Utc(3, 25, 15, 1))).ShouldBe(Stay.Accommodation / 2);
    }

    [Fact]
    public void Firm_is_full_30_days_ahead_half_from_7_days_and_nothing_after()
    {
        Nights(Cancel(CancellationPolicy.Firm, Utc(2, 28, 15))).ShouldBe(Stay.Accommodation);
        Nights(Cancel(CancellationPolicy.Firm, Utc(2, 28, 15, 1))).ShouldBe(Stay.Accommodation / 2);
        Nights(Cancel(CancellationPolicy.Firm, Utc(3, 23, 15))).ShouldBe(Stay.Accommodation / 2);
        Nights(Cancel(CancellationPolicy.Firm, Utc(3, 23, 15, 1))).ShouldBe(0);
    }

    [Fact]
    public void Strict_is_full_only_within_48_hours_of_booking_14_days_ahead()
    {
        var booked = Utc(3, 1, 10);
        Nights(Cancel(CancellationPolicy.Strict, booked.AddHours(48), booked)).ShouldBe(Stay.Accommodation);
        Nights(Cancel(CancellationPolicy.Strict, booked.AddHours(48).AddMinutes(1), booked)).ShouldBe(Stay.Accommodation / 2);
        var late = Utc(3, 20, 10);
        Nights(Cancel(CancellationPolicy.Strict, late.AddHours(1), late)).ShouldBe(Stay.Accommodation / 2);
        Nights(Cancel(CancellationPolicy.Strict, Utc(3, 23, 15, 1), late)).ShouldBe(0);
    }

    [Fact]
    public void Non_refundable_returns_only_the_cleaning_fee_before_check_in()
    {
        var refund = Cancel(CancellationPolicy.NonRefundable, Utc(3, 1, 10));
        Nights(refund).ShouldBe(0);
        refund.Lines.Single(l => l.Item == "service_fee").Refunded.Amount.ShouldBe(0);
        refund.Lines.Single(l => l.Item == "cleaning_fee").Refunded.Amount.ShouldBe(4_000);
        Cancel(CancellationPolicy.NonRefundable, Utc(3, 30, 15)).Lines.Single(l => l.Item == "cleaning_fee").Refunded.Amount.ShouldBe(0);
    }

    [Fact]
    public void Fees_and_taxes_follow_the_nights_and_a_full_refund_is_the_whole_total()
    {
        var full = Cancel(CancellationPolicy.Flexible, Utc(3, 1, 10));
        full.Refund.ShouldBe(Stay.Total);
        CancellationRules.ForHost(Stay).Refund.ShouldBe(Stay.Total);

        var half = Cancel(CancellationPolicy.Moderate, Utc(3, 28, 10));
        half.Lines.Single(l => l.Item == "service_fee").Refunded.Amount.ShouldBe(MoneyMath.Share(Stay.ServiceFee.Amount, Stay.Accommodation / 2, Stay.Accommodation));
        half.Refund.Amount.ShouldBe(half.Lines.Sum(l => l.Refunded.Amount));
        half.Refund.Amount.ShouldBeLessThan(Stay.Total.Amount);
    }

    [Fact]
    public void During_the_stay_flexible_keeps_the_nights_under_way_and_the_next_24_hours()
    {
        // 31 March 10:00 UTC: the first night is under way; the second starts at 14:00 UTC, within 24 hours.
        var refund = Cancel(CancellationPolicy.Flexible, Utc(3, 31, 10));
        Nights(refund).ShouldBe(20_000);
        refund.Lines.Single(l => l.Item == "cleaning_fee").Refunded.Amount.ShouldBe(0);
    }

    [Fact]
    public void During_the_stay_moderate_refunds_half_of_the_nights_not_yet_begun()
    {
        Nights(Cancel(CancellationPolicy.Moderate, Utc(3, 30, 14, 30))).ShouldBe(16_000);
        Nights(Cancel(CancellationPolicy.Moderate, Utc(3, 31, 14))).ShouldBe(10_000);
        Nights(Cancel(CancellationPolicy.Moderate, Utc(4, 2, 14))).ShouldBe(0);
    }

    [Fact]
    public void During_the_stay_firm_and_strict_refund_nothing()
    {
        Nights(Cancel(CancellationPolicy.Firm, Utc(3, 31, 10))).ShouldBe(0);
        Nights(Cancel(CancellationPolicy.Strict, Utc(3, 31, 10))).ShouldBe(0);
    }

    [Fact]
    public void A_pet_fee_comes_back_with_the_cleaning_fee_before_check_in_and_not_after_and_its_tax_with_it()
    {
        var withPet = QuoteCalculator.Compute(
            new StayPricing(Guid.Empty, CheckIn, new Party(2, Pets: 1), [10_000, 12_000, 10_000, 10_000], 4_000, 0, 2, 0, 0, "EUR", PetFee: 2_500), new PricingRates(14, 3, 6));
        long Line(RefundBreakdown refund, string item) => refund.Lines.Single(l => l.Item == item).Refunded.Amount;

        var before = CancellationRules.ForGuest(withPet, CancellationPolicy.NonRefundable, Utc(1, 1, 12), Utc(3, 30, 13, 59), CheckInTime, Lisbon);
        var after = CancellationRules.ForGuest(withPet, CancellationPolicy.NonRefundable, Utc(1, 1, 12), Utc(3, 30, 14), CheckInTime, Lisbon);
        var byHost = CancellationRules.ForHost(withPet);

        Line(before, "pet_fee").ShouldBe(2_500);
        Line(before, "taxes").ShouldBe(MoneyMath.Share(withPet.Taxes.Amount, 4_000 + 2_500, withPet.Accommodation + 4_000 + 2_500));
        Line(after, "pet_fee").ShouldBe(0);
        after.Refund.Amount.ShouldBe(0);
        byHost.Refund.ShouldBe(withPet.Total);
    }

    [Fact]
    public void Paying_part_now_is_offered_only_where_the_full_refund_lasts_past_the_last_try_at_the_rest()
    {
        var options = new BookingOptions();
        var bookedAt = Utc(1, 1, 12);
        // Due 14 local days before check-in at 15:00: 2027-03-16 15:00 WET, before the clocks moved.
        var offer = PartPayments.For(Stay, CancellationPolicy.Moderate, CheckInTime, Lisbon, options, bookedAt).ShouldNotBeNull();
        offer.DueLaterAt.ShouldBe(Utc(3, 16, 15));
        (offer.DueNow.Amount + offer.DueLater.Amount).ShouldBe(Stay.Total.Amount);
        PartPayments.For(Stay, CancellationPolicy.Flexible, CheckInTime, Lisbon, options, bookedAt).ShouldNotBeNull();
        PartPayments.For(Stay, CancellationPolicy.Firm, CheckInTime, Lisbon, options, bookedAt).ShouldBeNull();
        PartPayments.For(Stay, CancellationPolicy.Strict, CheckInTime, Lisbon, options, bookedAt).ShouldBeNull();
        // Moderate's full refund ends 5 days before: with the rest due 6 days before, its third try would come after.
        PartPayments.For(Stay, CancellationPolicy.Moderate, CheckInTime, Lisbon, new BookingOptions { BalanceDueDaysBeforeCheckIn = 6 }, bookedAt).ShouldBeNull();
        // Two days' lead at least: booked on the 15th, the rest would be due the next day.
        PartPayments.For(Stay, CancellationPolicy.Moderate, CheckInTime, Lisbon, options, Utc(3, 15, 12)).ShouldBeNull();
    }

    [Theory]
    [InlineData(CancellationPolicy.Moderate, 3, 20)]   // full refund: everything paid comes back
    [InlineData(CancellationPolicy.Moderate, 3, 27)]   // half the nights kept, out of what was paid
    [InlineData(CancellationPolicy.Firm, 3, 27)]
    public void A_stay_paid_in_part_refunds_what_was_paid_less_what_the_policy_keeps_line_by_line(CancellationPolicy policy, int month, int day)
    {
        var whole = Cancel(policy, Utc(month, day, 12));
        var paid = MoneyMath.Percent(Stay.Total.Amount, 50);

        var partly = CancellationRules.PartlyPaid(whole, paid, Stay.Total.Amount, "of the part paid so far");

        partly.Refund.Amount.ShouldBe(Math.Max(0, paid - (Stay.Total.Amount - whole.Refund.Amount)));
        partly.Lines.Sum(l => l.Refunded.Amount).ShouldBe(partly.Refund.Amount);
        partly.Lines.Sum(l => l.Charged.Amount).ShouldBe(paid);
        partly.Lines.ShouldAllBe(l => l.Refunded.Amount <= l.Charged.Amount || partly.Refund.Amount == 0);
    }

    [Theory]
    [InlineData(CancellationPolicy.Flexible, 1, 1)]
    [InlineData(CancellationPolicy.Moderate, 1, 1)]
    [InlineData(CancellationPolicy.Firm, 1, 1)]
    [InlineData(CancellationPolicy.Strict, 1, 1)]
    [InlineData(CancellationPolicy.Strict, 3, 15)]         // 15 days ahead: free until 14 days before, under its 48 hours
    [InlineData(CancellationPolicy.Strict, 3, 20)]         // booked under 14 days ahead: never free
    [InlineData(CancellationPolicy.Firm, 3, 10)]           // booked after its full-refund moment
    [InlineData(CancellationPolicy.NonRefundable, 1, 1)]
    public void The_free_cancellation_moment_shown_is_where_the_full_refund_ends(CancellationPolicy policy, int month, int day)
    {
        var bookedAt = Utc(month, day, 12);
        var until = CancellationRules.FreeCancellationUntil(policy, CheckIn, CheckInTime, Lisbon, bookedAt);

        if (until is null)
        {
            Cancel(policy, bookedAt, bookedAt).Refund.ShouldNotBe(Stay.Total, "no moment shown, no free cancellation even at once");
            return;
        }

        // Everything back up to the moment (the cleaning fee included), less from a minute after it.
        Cancel(policy, until.Value, bookedAt).Refund.ShouldBe(Stay.Total);
        Cancel(policy, until.Value.AddMinutes(1), bookedAt).Refund.Amount.ShouldBeLessThan(Stay.Total.Amount);
    }
}

