using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;

namespace Roost.Features.Payments;

/// <summary>
/// The sandbox's side of webhooks: its events, signed with our webhook secret, go through the same handler Stripe's
/// reach over HTTP. Delivery is at least once (the handler keeps each event id once), in the order they happened.
/// </summary>
public sealed class SandboxWebhooks(RoostDb db, PaymentWebhooks webhooks, WebhookSignature signature, TimeProvider time, ILogger<SandboxWebhooks> logger)
{
    private const int MaxAttempts = 10;
    private const int BatchSize = 500;

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
        db.ChangeTracker.Clear();
        var pending = await db.Set<SandboxEvent>().AsNoTracking()
            .Where(e => e.DeliveredAt == null && e.Attempts < MaxAttempts)
            .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).Take(BatchSize).ToListAsync();
        foreach (var pendingEvent in pending)
        {
            var now = time.GetUtcNow();
            var failure = await webhooks.HandleAsync(pendingEvent.Payload, signature.Sign(pendingEvent.Payload, now), CancellationToken.None);
            if (failure is not null)
            {
                logger.LogWarning("Sandbox event {EventId} refused by the webhook: {Problem}", pendingEvent.Id, failure.Title);
            }

            db.ChangeTracker.Clear();
            DateTimeOffset? deliveredAt = failure is null ? now : null;
            var error = failure?.Title;
            await db.Set<SandboxEvent>().Where(e => e.Id == pendingEvent.Id).ExecuteUpdateAsync(
                e => e.SetProperty(x => x.Attempts, x => x.Attempts + 1).SetProperty(x => x.DeliveredAt, deliveredAt).SetProperty(x => x.LastError, error));
        }

        return pending.Count;
    }
}
