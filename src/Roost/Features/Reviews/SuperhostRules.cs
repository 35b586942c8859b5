namespace Roost.Features.Reviews;

/// <summary>
/// What a host did in the year before an assessment: stays completed (by check-out day), stays they cancelled, and
/// what guests' reviews published in it rated them (null without any).
/// </summary>
public sealed record HostYear(int Stays, int Nights, int HostCancellations, double? Rating = null)
{
    /// <summary>Host cancellations as a share of the stays they took on: completed ones and the ones they cancelled.</summary>
    public double CancellationPercent => Stays + HostCancellations == 0 ? 0 : HostCancellations * 100.0 / (Stays + HostCancellations);
}

/// <param name="Name">stays, cancellations, rating or responseRate.</param>
/// <param name="Required">The bar: a minimum, except for cancellations, which must stay under it.</param>
/// <param name="Actual">Where the host stands; null when there is nothing to measure yet.</param>
public sealed record SuperhostCriterion(string Name, string Description, double Required, double? Actual, bool Met);

/// <param name="Superhost">Whether the host holds it now, as of the last assessment.</param>
/// <param name="Qualifies">Whether the host would hold it if assessed today.</param>
public sealed record SuperhostProgress(
    bool Superhost, DateTimeOffset? Since, DateOnly PeriodStart, DateOnly PeriodEnd, DateTimeOffset NextAssessmentAt, bool Qualifies, IReadOnlyList<SuperhostCriterion> Criteria);

/// <summary>
/// Superhost: hosts who, over the last 365 days, completed at least 10 stays (or 3 adding up to 100 nights), cancelled
/// under 1 % of the stays they took on, are rated 4.8 or more in that year's reviews, and answer at least 90 % of what guests ask (a host with
/// nothing to answer is not held back by it). Assessed at the start of each quarter; guests see the badge and may search by it.
/// </summary>
public static class SuperhostRules
{
    public const int PeriodDays = 365;
    public const int MinStays = 10;
    public const int MinLongStays = 3;
    public const int MinLongStayNights = 100;
    public const double MaxCancellationPercent = 1;
    public const double MinRating = 4.8;
    public const int MinResponseRatePercent = 90;

    public static IReadOnlyList<SuperhostCriterion> Criteria(HostYear year, int? responseRatePercent) =>
    [
        new("stays", $"{MinStays} completed stays, or {MinLongStays} adding up to {MinLongStayNights} nights", MinStays, year.Stays,
            year.Stays >= MinStays || (year.Stays >= MinLongStays && year.Nights >= MinLongStayNights)),
        new("cancellations", $"under {MaxCancellationPercent:0.#} % of stays cancelled by the host", MaxCancellationPercent, Math.Round(year.CancellationPercent, 2),
            year.CancellationPercent < MaxCancellationPercent),
        new("rating", $"rated {MinRating:0.0} or more by the year's guests", MinRating, year.Rating is { } r ? Math.Round(r, 2) : null, year.Rating >= MinRating),
        new("responseRate", $"{MinResponseRatePercent} % of the year's requests and questions answered within a day", MinResponseRatePercent, responseRatePercent,
            responseRatePercent is null || responseRatePercent >= MinResponseRatePercent),
    ];

    /// <summary>The stays that count: those that checked out in the 365 days before <paramref name="at"/>.</summary>
    public static (DateOnly From, DateOnly To) Period(DateTimeOffset at)
    {
        var to = DateOnly.FromDateTime(at.UtcDateTime);
        return (to.AddDays(-PeriodDays), to);
    }

    /// <summary>Assessments run at 02:00 UTC on the first day of January, April, July and October.</summary>
    public const string AssessmentCron = "0 2 1 1,4,7,10 *";

    public static DateTimeOffset NextAssessment(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        var quarterStart = new DateTimeOffset(utc.Year, ((utc.Month - 1) / 3 * 3) + 1, 1, 2, 0, 0, TimeSpan.Zero);
        return quarterStart > now ? quarterStart : quarterStart.AddMonths(3);
    }
}
