using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;

namespace Roost.Features.Accounts;

public enum ResponseTime
{
    WithinAnHour,
    WithinAFewHours,
    WithinADay,
    AFewDaysOrMore,
}

/// <summary>How a host answers guests, as a profile shows it: the rate in percent and the usual time, bucketed.</summary>
public sealed record ResponseSummary(int RatePercent, ResponseTime? Time)
{
    public static ResponseSummary? Of(int? ratePercent, int? medianMinutes) =>
        ratePercent is { } rate ? new ResponseSummary(rate, medianMinutes is { } m ? Bucket(m) : null) : null;

    private static ResponseTime Bucket(int minutes) => minutes switch
    {
        <= 60 => ResponseTime.WithinAnHour,
        <= 6 * 60 => ResponseTime.WithinAFewHours,
        <= 24 * 60 => ResponseTime.WithinADay,
        _ => ResponseTime.AFewDaysOrMore,
    };
}

/// <summary>
/// One host's measured responsiveness: over the recent period that profiles show (<paramref name="RatePercent"/> and
/// <paramref name="MedianMinutes"/>, null with nothing to count in it or nothing answered) and over the year.
/// </summary>
public sealed record HostResponse(Guid HostId, int? RatePercent, int? MedianMinutes, int YearRatePercent);

/// <summary>Hosts' responsiveness, as whoever measures it (messaging, which sees requests and questions) last found it.</summary>
public static class HostResponses
{
    /// <summary>
    /// Replaces every host's figures with <paramref name="measured"/> in one transaction: a host with nothing to answer
    /// in the period shows none, rather than what they once did. Returns the hosts whose figures changed, whose cached
    /// profiles are then out of date.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> ReplaceAllAsync(RoostDb db, IReadOnlyCollection<HostResponse> measured, CancellationToken cancellationToken)
    {
        var ids = measured.Select(m => m.HostId).ToArray();
        var rates = measured.Select(m => m.RatePercent).ToArray();
        var minutes = measured.Select(m => m.MedianMinutes).ToArray();
        var yearRates = measured.Select(m => m.YearRatePercent).ToArray();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var cleared = await db.Database.SqlQuery<Guid>(
            $"""
            UPDATE users SET host_response_rate = NULL, host_response_minutes = NULL, host_year_response_rate = NULL
            WHERE (host_response_rate IS NOT NULL OR host_year_response_rate IS NOT NULL) AND NOT (id = ANY({ids}))
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        var updated = await db.Database.SqlQuery<Guid>(
            $"""
            UPDATE users u SET host_response_rate = m.rate, host_response_minutes = m.minutes, host_year_response_rate = m.year_rate
            FROM unnest({ids}, {rates}, {minutes}, {yearRates}) AS m(id, rate, minutes, year_rate)
            WHERE u.id = m.id
              AND (u.host_response_rate, u.host_response_minutes, u.host_year_response_rate) IS DISTINCT FROM (m.rate, m.minutes, m.year_rate)
            RETURNING u.id AS "Value"
            """).ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [.. cleared, .. updated];
    }
}
