namespace Roost.Features.Calendar;

/// <summary>The price of one night: the host's override, else the weekend price on Friday and Saturday nights, else the base.</summary>
public static class NightPricing
{
    public static long? PriceOf(DateOnly night, long? nightlyPrice, long? weekendPrice, long? overridePrice) =>
        overridePrice ?? (weekendPrice is not null && IsWeekendNight(night) ? weekendPrice : nightlyPrice);

    public static bool IsWeekendNight(DateOnly night) => night.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday;
}
