using Roost.Platform.Data;
using Roost.Platform.Observability;

namespace Roost.Platform.Money;

/// <summary>
/// Rates the daily job has not refreshed for a day and a half: the feed (or the job) is failing, and prices shown in
/// other currencies are ageing. A machine without internet shows this from the start, truthfully.
/// </summary>
internal sealed class StaleExchangeRates(RoostDb db) : IBacklog
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromHours(36);

    public string Queue => "exchange_rates_stale";

    public Task<BacklogReading> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        BacklogReading.OfAsync(db.Set<ExchangeRate>().Where(r => r.FetchedAt < now - Tolerance), r => r.FetchedAt, now, cancellationToken);
}
