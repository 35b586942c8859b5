using System.Diagnostics.Metrics;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Roost.Platform.Observability;

/// <param name="OldestWait">How long the oldest item has waited; null where a queue cannot say.</param>
public sealed record BacklogReading(long Items, TimeSpan? OldestWait)
{
    /// <summary>
    /// How many of <paramref name="waiting"/> there are and how long ago the earliest <paramref name="since"/> was,
    /// in one aggregate query (let an index serve <paramref name="waiting"/>).
    /// </summary>
    public static async Task<BacklogReading> OfAsync<T>(
        IQueryable<T> waiting, Expression<Func<T, DateTimeOffset>> since, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var found = await waiting.Select(since).GroupBy(_ => 1).Select(g => new { Items = g.LongCount(), Oldest = g.Min() })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? new BacklogReading(0, TimeSpan.Zero) : new BacklogReading(found.Items, now - found.Oldest);
    }
}

/// <summary>
/// Work waiting for the background jobs — e-mails to send, payouts due, requests past their deadline. Each feature
/// names its own queues (registered scoped); the monitor reads them all. A reading must be a cheap indexed query:
/// it runs every few seconds.
/// </summary>
public interface IBacklog
{
    string Queue { get; }

    Task<BacklogReading> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>
/// The backlogs as Prometheus gauges (<c>roost_backlog_items</c>, <c>roost_backlog_oldest_seconds</c>, by
/// <c>queue</c>), from the last reading: a scrape never waits on the database. A growing backlog or an old oldest
/// item is what says a worker is down or behind, before anyone misses an e-mail or a payout.
/// </summary>
public sealed class BacklogMonitor
{
    public const string MeterName = "Roost.Backlogs";

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly ILogger<BacklogMonitor> _logger;
    private IReadOnlyDictionary<string, BacklogReading> _latest = new Dictionary<string, BacklogReading>();

    public BacklogMonitor(IServiceScopeFactory scopes, IMeterFactory meters, TimeProvider time, ILogger<BacklogMonitor> logger)
    {
        (_scopes, _time, _logger) = (scopes, time, logger);
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("roost.backlog.items",
            () => Latest.Select(q => new Measurement<long>(q.Value.Items, new KeyValuePair<string, object?>("queue", q.Key))),
            description: "Items waiting for the background jobs, by queue");
        meter.CreateObservableGauge("roost.backlog.oldest",
            () => Latest.Where(q => q.Value.OldestWait is not null)
                .Select(q => new Measurement<double>(q.Value.OldestWait!.Value.TotalSeconds, new KeyValuePair<string, object?>("queue", q.Key))),
            unit: "s", description: "How long the oldest waiting item has waited, by queue");
    }

    public IReadOnlyDictionary<string, BacklogReading> Latest => Volatile.Read(ref _latest);

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var now = _time.GetUtcNow();
        var readings = new Dictionary<string, BacklogReading>();
        foreach (var backlog in scope.ServiceProvider.GetServices<IBacklog>())
        {
            try
            {
                readings[backlog.Queue] = await backlog.ReadAsync(now, cancellationToken);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
            {
                // A queue that cannot be read drops out of the gauges (an absent series alerts too) until it can.
                _logger.LogWarning(ex, "Could not read the {Queue} backlog", backlog.Queue);
            }
        }

        Volatile.Write(ref _latest, readings);
    }
}

/// <summary>Reads the backlogs every <c>Metrics:BacklogSeconds</c> (default 15) in processes that run the jobs.</summary>
internal sealed class BacklogRefresher(BacklogMonitor monitor, IConfiguration configuration, ILogger<BacklogRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(configuration.GetValue<int?>("Metrics:BacklogSeconds") ?? 15));
        do
        {
            try
            {
                await monitor.RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Reading the backlogs failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
