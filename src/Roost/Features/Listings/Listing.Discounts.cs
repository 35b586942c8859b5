namespace Roost.Features.Listings;

/// <summary>
/// Discounts for when a stay is booked, beside the length discounts: last-minute fills nights that would otherwise
/// stay empty, early-bird rewards planning. The quote gives a stay the largest discount it qualifies for, not a sum.
/// </summary>
public sealed partial class Listing
{
    public const int MaxLastMinuteDays = 28;
    public const int MaxEarlyBirdMonths = 24;

    /// <summary>Off a stay whose check-in is at most <see cref="LastMinuteDays"/> days after the day it is booked.</summary>
    public int LastMinuteDiscountPercent { get; private set; }

    public int LastMinuteDays { get; private set; } = 7;

    /// <summary>Off a stay booked at least <see cref="EarlyBirdMonths"/> months before its check-in.</summary>
    public int EarlyBirdDiscountPercent { get; private set; }

    public int EarlyBirdMonths { get; private set; } = 3;

    /// <summary>The timing discounts a stay starting on <paramref name="checkIn"/>, booked on <paramref name="bookedOn"/> (both days where the home is), qualifies for; 0 for one it does not.</summary>
    public (int LastMinute, int EarlyBird) TimingDiscounts(DateOnly checkIn, DateOnly bookedOn) =>
        (checkIn.DayNumber - bookedOn.DayNumber <= LastMinuteDays ? LastMinuteDiscountPercent : 0,
         checkIn >= bookedOn.AddMonths(EarlyBirdMonths) ? EarlyBirdDiscountPercent : 0);
}
