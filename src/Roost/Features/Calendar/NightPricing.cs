namespace Roost.Features.Calendar;

/// <summary>The price of one night: the host's override, else the weekend price on Friday and Saturday nights, else the base.</summary>
public static class NightPricing
{
    public static long? PriceOf(DateOnly night, long? nightlyPrice, long? weekendPrice, long? overridePrice) =>
        overridePrice ?? (weekendPrice is not null && IsWeekendNight(night) ? weekendPrice : nightlyPrice);

    public static bool IsWeekendNight(DateOnly night) => night.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday;

    /// <summary>
    /// The weekend nights as ISO weekday numbers (Monday 1 … Sunday 7), for SQL that prices nights itself
    /// (<c>extract(isodow …)</c>): worked out from <see cref="IsWeekendNight"/>, so the two cannot disagree.
    /// Day number 0 (1 January of year 1) was a Monday.
    /// </summary>
    public static int[] WeekendIsoDays { get; } = [.. Enumerable.Range(1, 7).Where(iso => IsWeekendNight(DateOnly.FromDayNumber(iso - 1)))];
}
