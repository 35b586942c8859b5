using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Roost.Features.Accounts;
using Roost.Features.Bookings;
using Roost.Platform.Data;

namespace Roost.Features.Messaging;

/// <summary>
/// How readily each host answers, for their public profile: over the last 30 days, the share of requests to book and
/// of guests' first questions that the host answered within a day, and the median time they took; and the same share
/// over the last year, for Superhost's standard. A request counts once it is answered or lapsed; a question once it is
/// answered or a day old. A daily job measures every host afresh.
/// </summary>
public sealed class HostResponsiveness(RoostDb db, BookingQueries bookings, HybridCache cache, TimeProvider time, ILogger<HostResponsiveness> logger)
{
    public static readonly TimeSpan Period = TimeSpan.FromDays(30);

    public static readonly TimeSpan Year = TimeSpan.FromDays(365);

    public static readonly TimeSpan AnswerWithin = TimeSpan.FromDays(1);

    /// <summary>
    /// Measures every host over the year's requests and questions, read host by host from one query, so the job holds
    /// one host's asks at a time however many hosts there are.
    /// </summary>
    public async Task RefreshAsync()
    {
        var now = time.GetUtcNow();
        var asks = bookings.SettledRequestsSince(now - Year).Concat(QuestionsSince(now - Year, now)).OrderBy(a => a.HostId);
        var measured = new List<HostResponse>();
        var host = new List<HostAsk>();
        var count = 0;
        await foreach (var ask in asks.AsAsyncEnumerable())
        {
            if (host.Count > 0 && host[0].HostId != ask.HostId)
            {
                measured.Add(Measure(host, now - Period));
                host.Clear();
            }

            host.Add(ask);
            count++;
        }

        if (host.Count > 0)
        {
            measured.Add(Measure(host, now - Period));
        }

        var changed = await HostResponses.ReplaceAllAsync(db, measured, CancellationToken.None);
        // Profiles (and the listings' host parts read from them) show the new figures now, not when their entries expire.
        await cache.RemoveAsync(changed.Select(Profiles.PublicProfileKey));
        logger.LogInformation("Measured how {Hosts} hosts answer {Asks} requests and questions", measured.Count, count);
    }

    /// <summary>
    /// Conversations a guest opened in the period, with the host's first answer. One the host opened (to a guest of
    /// theirs) asked them nothing; a question under a day old and unanswered is not yet late.
    /// </summary>
    private IQueryable<HostAsk> QuestionsSince(DateTimeOffset since, DateTimeOffset now)
    {
        var messages = db.Messages;
        var lateFrom = now - AnswerWithin;
        return db.Conversations.AsNoTracking()
            .Where(c => c.CreatedAt >= since)
            .Select(c => new
            {
                c.HostId,
                Opener = messages.Where(m => m.ConversationId == c.Id).OrderBy(m => m.SentAt).Select(m => new { m.SenderId, m.SentAt }).FirstOrDefault(),
                AnsweredAt = messages.Where(m => m.ConversationId == c.Id && m.SenderId == c.HostId).Min(m => (DateTimeOffset?)m.SentAt),
            })
            .Where(r => r.Opener != null && r.Opener.SenderId != r.HostId && (r.AnsweredAt != null || r.Opener.SentAt <= lateFrom))
            .Select(r => new HostAsk { HostId = r.HostId, AskedAt = r.Opener!.SentAt, AnsweredAt = r.AnsweredAt });
    }

    /// <param name="year">One host's asks of the year.</param>
    /// <param name="recentSince">Where the period a profile shows begins.</param>
    private static HostResponse Measure(IReadOnlyList<HostAsk> year, DateTimeOffset recentSince)
    {
        var recent = year.Where(a => a.AskedAt >= recentSince).ToList();
        var waits = recent.Where(a => a.AnsweredAt is not null).Select(a => (a.AnsweredAt!.Value - a.AskedAt).TotalMinutes).Order().ToList();
        int? median = waits.Count == 0 ? null
            : (int)Math.Round(waits.Count % 2 == 1 ? waits[waits.Count / 2] : (waits[(waits.Count / 2) - 1] + waits[waits.Count / 2]) / 2, MidpointRounding.AwayFromZero);
        return new HostResponse(year[0].HostId, recent.Count == 0 ? null : RateOf(recent), median, RateOf(year));
    }

    private static int RateOf(IReadOnlyCollection<HostAsk> asks) =>
        (int)Math.Round(100.0 * asks.Count(a => a.AnsweredAt - a.AskedAt <= AnswerWithin) / asks.Count, MidpointRounding.AwayFromZero);
}
