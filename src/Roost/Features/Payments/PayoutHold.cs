using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Platform.Data;

namespace Roost.Features.Payments;

/// <summary>
/// A host whose payouts wait: while the hold stands, due payouts stay scheduled instead of being sent, and go out on
/// the first run after it is lifted. Admins place it with a suspension, so a host under suspicion is not paid meanwhile.
/// </summary>
public sealed class PayoutHold
{
    private PayoutHold()
    {
    }

    public Guid HostId { get; private set; }

    public string Reason { get; private set; } = "";

    public DateTimeOffset HeldAt { get; private set; }

    internal static PayoutHold Create(Guid hostId, string reason, DateTimeOffset now) => new() { HostId = hostId, Reason = reason, HeldAt = now };
}

internal sealed class PayoutHoldConfiguration : IEntityTypeConfiguration<PayoutHold>
{
    public void Configure(EntityTypeBuilder<PayoutHold> hold)
    {
        hold.ToTable("payout_holds");
        hold.HasKey(h => h.HostId);
        hold.Property(h => h.Reason).HasMaxLength(500);
    }
}

/// <summary>Places and lifts holds in the caller's unit of work, to commit with whatever else decided them.</summary>
public sealed class PayoutHolds(RoostDb db, TimeProvider time)
{
    public async Task HoldAsync(Guid hostId, string reason, CancellationToken cancellationToken)
    {
        if (await db.Set<PayoutHold>().FindAsync([hostId], cancellationToken) is null)
        {
            db.Add(PayoutHold.Create(hostId, reason, time.GetUtcNow()));
        }
    }

    public async Task ReleaseAsync(Guid hostId, CancellationToken cancellationToken)
    {
        if (await db.Set<PayoutHold>().FindAsync([hostId], cancellationToken) is { } hold)
        {
            db.Remove(hold);
        }
    }
}
