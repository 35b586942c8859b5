using Roost.Features.Listings;

namespace Roost.Tests.Rules;

/// <summary>When a stay is booked decides the last-minute and early-bird discounts, counted in days where the home is.</summary>
public sealed class TimingDiscountRuleTests
{
    private static readonly DateOnly BookedOn = new(2027, 1, 31);

    private static Listing Host(int lastMinute, int lastMinuteDays, int earlyBird, int earlyBirdMonths)
    {
        var listing = Listing.CreateDraft(Guid.NewGuid(), DateTimeOffset.UnixEpoch);
        listing.Apply(new ListingInput(
            LastMinuteDiscountPercent: lastMinute, LastMinuteDays: lastMinuteDays, EarlyBirdDiscountPercent: earlyBird, EarlyBirdMonths: earlyBirdMonths), DateTimeOffset.UnixEpoch);
        return listing;
    }

    [Fact]
    public void Last_minute_applies_up_to_and_including_its_last_day()
    {
        var listing = Host(lastMinute: 20, lastMinuteDays: 7, earlyBird: 0, earlyBirdMonths: 3);

        listing.TimingDiscounts(BookedOn, BookedOn).ShouldBe((20, 0));
        listing.TimingDiscounts(BookedOn.AddDays(7), BookedOn).ShouldBe((20, 0));
        listing.TimingDiscounts(BookedOn.AddDays(8), BookedOn).ShouldBe((0, 0));
    }

    [Fact]
    public void Early_bird_counts_calendar_months_so_the_end_of_a_long_month_meets_a_short_one()
    {
        var listing = Host(lastMinute: 0, lastMinuteDays: 7, earlyBird: 10, earlyBirdMonths: 1);

        // One month after 31 January is 28 February, as PostgreSQL's search arithmetic counts it too.
        listing.TimingDiscounts(new DateOnly(2027, 2, 28), BookedOn).ShouldBe((0, 10));
        listing.TimingDiscounts(new DateOnly(2027, 2, 27), BookedOn).ShouldBe((0, 0));
    }

    [Fact]
    public void A_discount_the_host_has_not_set_is_never_given()
    {
        var listing = Host(lastMinute: 0, lastMinuteDays: 28, earlyBird: 0, earlyBirdMonths: 1);

        listing.TimingDiscounts(BookedOn.AddDays(1), BookedOn).ShouldBe((0, 0));
        listing.TimingDiscounts(BookedOn.AddYears(1), BookedOn).ShouldBe((0, 0));
    }
}
