using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;

namespace Roost.Features.Payments;

/// <summary>
/// Webhook events are kept 30 days, as Stripe keeps its own: long past its last retry (about three days) and past
/// the dashboard's manual resends, so a replay is still recognised. The sandbox's own events go once delivered (or
/// given up) for as long. Intents, ledger and payouts — the money's record — are never purged. A daily scan by date
/// is cheaper than an index that every webhook would write.
/// </summary>
public sealed class PaymentHousekeeping(RoostDb db, TimeProvider time)
{
    public static readonly TimeSpan EventRetention = TimeSpan.FromDays(30);

    public async Task<int> PurgeAsync()
    {
        var before = time.GetUtcNow() - EventRetention;
        var received = await db.Set<PaymentEvent>().Where(e => e.ReceivedAt < before).ExecuteDeleteAsync();
        var sent = await db.Set<SandboxEvent>()
            .Where(e => e.CreatedAt < before && (e.DeliveredAt != null || e.Attempts >= SandboxWebhooks.MaxAttempts))
            .ExecuteDeleteAsync();
        return received + sent;
    }
}
