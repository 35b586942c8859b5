using Roost.Platform.Data;
using Roost.Platform.Observability;

namespace Roost.Features.Payments;

/// <summary>Payouts whose day has come and that have not gone out; a held host's wait on purpose and do not count.</summary>
internal sealed class PayoutBacklog(RoostDb db) : IBacklog
{
    public string Queue => "payouts_due";

    public Task<BacklogReading> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        BacklogReading.OfAsync(
            db.Set<Payout>()
                .Where(p => (p.Status == PayoutStatus.Scheduled || p.Status == PayoutStatus.Failed) && p.DueAt <= now)
                .Where(p => !db.Set<PayoutHold>().Any(h => h.HostId == p.HostId || h.HostId == p.ShareOfHostId)),
            p => p.DueAt, now, cancellationToken);
}

/// <summary>The sandbox gateway's events not yet delivered to our webhook (empty with a real gateway).</summary>
internal sealed class GatewayEventBacklog(RoostDb db) : IBacklog
{
    public string Queue => "gateway_events";

    public Task<BacklogReading> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        BacklogReading.OfAsync(db.Set<SandboxEvent>().Where(e => e.DeliveredAt == null), e => e.CreatedAt, now, cancellationToken);
}

/// <summary>Chargebacks not yet decided: each has an evidence deadline a person must meet.</summary>
internal sealed class DisputeBacklog(RoostDb db) : IBacklog
{
    public string Queue => "disputes_open";

    public Task<BacklogReading> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        BacklogReading.OfAsync(db.Set<PaymentDispute>().Where(d => d.ClosedAt == null), d => d.OpenedAt, now, cancellationToken);
}
