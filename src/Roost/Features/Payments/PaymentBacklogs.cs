using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;
using Roost.Platform.Observability;

namespace Roost.Features.Payments;

/// <summary>Payouts whose day has come and that have not gone out; a held host's wait on purpose and do not count.</summary>
internal sealed class PayoutBacklog(RoostDb db) : IBacklog
{
    public string Queue => "payouts_due";

    public async Task<BacklogReading> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = await db.Set<Payout>()
            .Where(p => (p.Status == PayoutStatus.Scheduled || p.Status == PayoutStatus.Failed) && p.DueAt <= now)
            .Where(p => !db.Set<PayoutHold>().Any(h => h.HostId == p.HostId))
            .GroupBy(_ => 1).Select(g => new { Items = g.LongCount(), Oldest = g.Min(p => p.DueAt) })
            .SingleOrDefaultAsync(cancellationToken);
        return due is null ? new BacklogReading(0, TimeSpan.Zero) : new BacklogReading(due.Items, now - due.Oldest);
    }
}

/// <summary>The sandbox gateway's events not yet delivered to our webhook (empty with a real gateway).</summary>
internal sealed class GatewayEventBacklog(RoostDb db) : IBacklog
{
    public string Queue => "gateway_events";

    public async Task<BacklogReading> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var waiting = await db.Set<SandboxEvent>().Where(e => e.DeliveredAt == null)
            .GroupBy(_ => 1).Select(g => new { Items = g.LongCount(), Oldest = g.Min(e => e.CreatedAt) })
            .SingleOrDefaultAsync(cancellationToken);
        return waiting is null ? new BacklogReading(0, TimeSpan.Zero) : new BacklogReading(waiting.Items, now - waiting.Oldest);
    }
}
