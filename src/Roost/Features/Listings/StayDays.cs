namespace Roost.Features.Listings;

/// <summary>
/// The weekdays a stay may start or end on, as a bit set (bit n is <see cref="DayOfWeek"/> n, as PostgreSQL's
/// <c>extract(dow)</c> counts them), so search tests a date with one AND on the listing row. Holiday homes with a
/// Saturday changeover allow one day; most listings allow all seven.
/// </summary>
public static class StayDays
{
    public const int Every = 0b111_1111;

    public static int Of(IEnumerable<DayOfWeek> days) => days.Aggregate(0, (mask, day) => mask | (1 << (int)day));

    public static IReadOnlyList<DayOfWeek> Days(int mask) => [.. Enum.GetValues<DayOfWeek>().Where(day => Allows(mask, day))];

    public static bool Allows(int mask, DayOfWeek day) => (mask & (1 << (int)day)) != 0;

    public static bool Allows(int mask, DateOnly date) => Allows(mask, date.DayOfWeek);

    public static string Describe(int mask) => string.Join(", ", Days(mask));
}
