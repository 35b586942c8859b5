using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;

namespace Roost.Features.Payments;

/// <summary>
/// The sandbox's side of webhooks: its events, signed with our webhook secret, go through the same handler Stripe's
/// reach over HTTP. Delivery is at least once (the handler keeps each event id once). Like Stripe, it delivers
/// several events at a time; one payment's events still arrive in the order they happened. A refused delivery is
/// retried as Stripe retries, backing off from a minute to a day, for about two and a half days in all.
/// </summary>
public sealed class SandboxWebhooks(RoostDb db, IServiceScopeFactory scopes, WebhookSignature signature, TimeProvider time, ILogger<SandboxWebhooks> logger)
{
    // After the first attempt, the waits before each retry: ten attempts over ~56 hours.
    private static readonly TimeSpan[] RetryDelays =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2),
        TimeSpan.FromHours(4), TimeSpan.FromHours(8), TimeSpan.FromHours(16), TimeSpan.FromHours(24),
    ];

    internal static readonly int MaxAttempts = RetryDelays.Length + 1;
    private const int BatchSize = 500;

    // Each delivery waits on a handful of round trips to PostgreSQL; one at a time, a burst of bookings made events
    // faster than they went out (~180/s against two per booking).
    private const int Lanes = 4;

    // The job runs every minute: it keeps delivering for most of that minute, so a burst of payments is not left
    // waiting for many runs, and stops before the next run would start.
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(50);

    public async Task<int> DeliverAsync()
    {
        var until = time.GetUtcNow() + Budget;
        var delivered = 0;
        int batch;
        do
        {
            batch = await DeliverBatchAsync();
            delivered += batch;
        }
        while (batch == BatchSize && time.GetUtcNow() < until);

        return delivered;
    }

    private async Task<int> DeliverBatchAsync()
    {
        var now = time.GetUtcNow();
        var pending = await db.Set<SandboxEvent>().AsNoTracking()
            .Where(e => e.DeliveredAt == null && e.Attempts < MaxAttempts && (e.NextAttemptAt == null || e.NextAttemptAt <= now))
            .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).Take(BatchSize).ToListAsync();
        // A payment's events share a lane, so they keep their order; lanes run side by side.
        var lanes = pending
            .GroupBy(e => (uint)StringComparer.Ordinal.GetHashCode(GatewayEvent.Parse(e.Payload)?.IntentId ?? e.Id) % Lanes)
            .Select(lane => DeliverInOrderAsync([.. lane]));
        await Task.WhenAll(lanes);
        return pending.Count;
    }

    private async Task DeliverInOrderAsync(IReadOnlyList<SandboxEvent> events)
    {
        await using var scope = scopes.CreateAsyncScope();
        var laneDb = scope.ServiceProvider.GetRequiredService<RoostDb>();
        var webhooks = scope.ServiceProvider.GetRequiredService<PaymentWebhooks>();
        foreach (var pendingEvent in events)
        {
            var now = time.GetUtcNow();
            var failure = await webhooks.HandleAsync(pendingEvent.Payload, signature.Sign(pendingEvent.Payload, now), CancellationToken.None);
            if (failure is not null)
            {
                logger.LogWarning("Sandbox event {EventId} refused by the webhook: {Problem}", pendingEvent.Id, failure.Title);
            }

            laneDb.ChangeTracker.Clear();
            DateTimeOffset? deliveredAt = failure is null ? now : null;
            var error = failure?.Title;
            DateTimeOffset? retryAt = failure is not null && pendingEvent.Attempts < RetryDelays.Length ? now + RetryDelays[pendingEvent.Attempts] : null;
            await laneDb.Set<SandboxEvent>().Where(e => e.Id == pendingEvent.Id).ExecuteUpdateAsync(e => e
                .SetProperty(x => x.Attempts, x => x.Attempts + 1).SetProperty(x => x.DeliveredAt, deliveredAt)
                .SetProperty(x => x.LastError, error).SetProperty(x => x.NextAttemptAt, retryAt));
        }
    }
}
