using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Npgsql;
using Roost.Features.Accounts;
using Roost.Features.Listings;
using Roost.Platform.Data;
using Roost.Platform.Notifications;

namespace Roost.Features.Reviews;

/// <summary>
/// Measures hosts against <see cref="SuperhostRules"/>: on demand for one host (their progress), and for every host at
/// each quarter's assessment, which grants or takes away the badge and tells the host.
/// </summary>
public sealed class Superhosts(RoostDb db, ListingChanges changes, HybridCache cache, TimeProvider time, ILogger<Superhosts> logger)
{
    public async Task<SuperhostProgress> ProgressAsync(Guid hostId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (from, to) = SuperhostRules.Period(now);
        var year = (await MeasureAsync(now, hostId, cancellationToken)).GetValueOrDefault(hostId, new HostYear(0, 0, 0));
        var host = await db.Users.AsNoTracking().Where(u => u.Id == hostId)
            .Select(u => new { u.SuperhostSince, u.HostYearResponseRate }).SingleAsync(cancellationToken);
        var criteria = SuperhostRules.Criteria(year, host.HostYearResponseRate);
        return new SuperhostProgress(host.SuperhostSince is not null, host.SuperhostSince, from, to, SuperhostRules.NextAssessment(now), criteria.All(c => c.Met), criteria);
    }

    /// <summary>
    /// The quarterly assessment. A host who qualifies keeps the date they first did; one who no longer does loses the
    /// badge, and so does a suspended or closed account. Safe to run twice or on two workers: each change is made (and
    /// told) once, conditionally on the standing read.
    /// </summary>
    /// <returns>How many hosts gained and lost the badge.</returns>
    public async Task<(int Gained, int Lost)> AssessAsync()
    {
        var now = time.GetUtcNow();
        var years = await MeasureAsync(now, hostId: null, CancellationToken.None);
        var measured = years.Keys.ToArray();
        var hosts = await db.Users.AsNoTracking()
            .Where(u => u.SuperhostSince != null || measured.Contains(u.Id))
            .Select(u => new { u.Id, u.SuperhostSince, u.HostYearResponseRate, Active = u.SuspendedAt == null && u.ClosedAt == null })
            .ToListAsync();
        var (gained, lost) = (0, 0);
        foreach (var host in hosts)
        {
            var qualifies = host.Active && SuperhostRules.Criteria(years.GetValueOrDefault(host.Id, new HostYear(0, 0, 0)), host.HostYearResponseRate).All(c => c.Met);
            if (qualifies == (host.SuperhostSince is not null))
            {
                continue;
            }

            await using var transaction = await db.Database.BeginTransactionAsync();
            if (!await SuperhostStatus.MoveAsync(db, host.Id, host.SuperhostSince, qualifies ? now : null, CancellationToken.None))
            {
                continue;
            }

            Notify.Add(db, host.Id, qualifies ? "superhost_gained" : "superhost_lost", qualifies ? "You are a Superhost" : "Your Superhost badge has lapsed",
                qualifies
                    ? "Over the last year your stays, ratings and answers met every Superhost standard: guests now see the badge on your profile and listings."
                    : $"Over the last year your hosting fell short of a Superhost standard. See where you stand under GET /api/v1/host/superhost; the next assessment is on {SuperhostRules.NextAssessment(now):yyyy-MM-dd}.",
                null, now);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            db.ChangeTracker.Clear();
            await ForgetCachedAsync(host.Id);
            (gained, lost) = qualifies ? (gained + 1, lost) : (gained, lost + 1);
        }

        logger.LogInformation("Superhost assessment: {Gained} gained the badge, {Lost} lost it, {Kept} kept it", gained, lost, hosts.Count(h => h.SuperhostSince is not null) - lost);
        return (gained, lost);
    }

    /// <summary>
    /// Each host's year before <paramref name="at"/>. Completed stays are found by check-out day (an index on completed
    /// stays' check-out); host cancellations by the transition that made them; the rating from guests' reviews of the
    /// host published in the year and not removed.
    /// </summary>
    private async Task<Dictionary<Guid, HostYear>> MeasureAsync(DateTimeOffset at, Guid? hostId, CancellationToken cancellationToken)
    {
        var (from, to) = SuperhostRules.Period(at);
        var since = at.AddDays(-SuperhostRules.PeriodDays);
        // One host is found through the host's own index; the assessment reads every host's year at once.
        var (hostsStays, hostsReviews) = hostId is null ? ("", "") : ("AND b.host_id = @host", "AND r.subject_id = @host");
        var sql = $"""
            SELECT host_id, count(*) FILTER (WHERE kind = 'stay')::int AS stays,
                   COALESCE(sum(amount) FILTER (WHERE kind = 'stay'), 0)::int AS nights,
                   count(*) FILTER (WHERE kind = 'cancelled')::int AS host_cancellations,
                   avg(amount) FILTER (WHERE kind = 'rating')::float8 AS rating
            FROM (
                SELECT b.host_id, 'stay' AS kind, b.check_out - b.check_in AS amount FROM bookings b
                WHERE b.status = 'Completed' AND b.check_out >= @from AND b.check_out < @to {hostsStays}
                UNION ALL
                SELECT b.host_id, 'cancelled', 0 FROM booking_transitions t JOIN bookings b ON b.id = t.booking_id
                WHERE t."to" = 'CancelledByHost' AND t.at >= @since AND t.at < @at {hostsStays}
                UNION ALL
                SELECT r.subject_id, 'rating', r.rating FROM reviews r
                WHERE r.side = 'Guest' AND r.published_at >= @since AND r.published_at < @at AND r.removed_at IS NULL {hostsReviews}
            ) year
            GROUP BY host_id
            """;
        var rows = await db.Database.SqlQueryRaw<HostYearRow>(
            sql,
            new NpgsqlParameter("from", from), new NpgsqlParameter("to", to), new NpgsqlParameter("since", since), new NpgsqlParameter("at", at),
            new NpgsqlParameter("host", (object?)hostId ?? DBNull.Value)).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.HostId, r => new HostYear(r.Stays, r.Nights, r.HostCancellations, r.Rating));
    }

    private async Task ForgetCachedAsync(Guid hostId)
    {
        await cache.RemoveAsync(Profiles.PublicProfileKey(hostId));
        foreach (var listingId in await db.Listings.Where(l => l.HostId == hostId).Select(l => l.Id).ToListAsync())
        {
            await changes.ChangedAsync(listingId, CancellationToken.None);
        }
    }

    private sealed record HostYearRow(Guid HostId, int Stays, int Nights, int HostCancellations, double? Rating);
}
