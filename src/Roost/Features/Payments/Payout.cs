using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Roost.Features.Payments;

public enum PayoutStatus
{
    Scheduled,
    Paid,
    Failed,
    Cancelled,
}

/// <summary>What part of a booking's host payout a co-host is paid directly, in whole percent.</summary>
/// <param name="Amount">Or a fixed amount of each stay's host payout (minor units), paid with its first installment.</param>
public sealed record PayoutShare(Guid CoHostId, int Percent, long Amount = 0);

/// <summary>
/// Money owed to a host for one booking (or one month of a long stay), sent when due. The gateway call carries the
/// key <c>payout:{id}</c>, so however often the job retries or crashes, the host is paid once. A co-host with a share
/// of the host payout gets payouts of their own beside the host's, for their part of each.
/// </summary>
public sealed class Payout
{
    private Payout()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Who is paid: the listing's host, or a co-host paid their share.</summary>
    public Guid HostId { get; private set; }

    /// <summary>For a co-host's share, the listing's host whose payout it is part of (and whose books it is on); null for the host's own.</summary>
    public Guid? ShareOfHostId { get; private set; }

    public Guid BookingId { get; private set; }

    /// <summary>0 for the only or first payout; long stays pay one per 30 nights.</summary>
    public int Installment { get; private set; }

    public string Currency { get; private set; } = "";

    public long Amount { get; private set; }

    /// <summary>What the booking owed its host but this payout kept back for the host's penalties on other stays.</summary>
    public long Withheld { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    public PayoutStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset? NextAttemptAt { get; private set; }

    public string? GatewayPayoutId { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public bool IsOpen => Status is PayoutStatus.Scheduled or PayoutStatus.Failed;

    /// <summary>The booking's books, which are its host's whoever this payout pays.</summary>
    public LedgerParty Party => new(BookingId, ShareOfHostId ?? HostId, Currency);

    internal static Payout Create(LedgerParty party, Guid? coHostId, int installment, long amount, DateTimeOffset dueAt, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        HostId = coHostId ?? party.HostId,
        ShareOfHostId = coHostId is null ? null : party.HostId,
        BookingId = party.BookingId,
        Installment = installment,
        Currency = party.Currency,
        Amount = amount,
        DueAt = dueAt,
        Status = PayoutStatus.Scheduled,
        CreatedAt = now,
        UpdatedAt = now,
    };

    internal void Resize(long amount, DateTimeOffset now)
    {
        Amount = amount;
        if (amount == 0)
        {
            Status = PayoutStatus.Cancelled;
            NextAttemptAt = null;
        }

        UpdatedAt = now;
    }

    internal void KeepBack(long amount, DateTimeOffset now)
    {
        Withheld += amount;
        UpdatedAt = now;
    }

    internal void Paid(string gatewayPayoutId, DateTimeOffset now)
    {
        Status = PayoutStatus.Paid;
        GatewayPayoutId = gatewayPayoutId;
        PaidAt = now;
        NextAttemptAt = null;
        LastError = null;
        UpdatedAt = now;
    }

    internal void AttemptFailed(string error, DateTimeOffset? retryAt, DateTimeOffset now)
    {
        Status = PayoutStatus.Failed;
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        NextAttemptAt = retryAt;
        UpdatedAt = now;
    }
}

internal sealed class PayoutConfiguration : IEntityTypeConfiguration<Payout>
{
    public void Configure(EntityTypeBuilder<Payout> payout)
    {
        payout.ToTable("payouts", t =>
        {
            t.HasCheckConstraint("ck_payouts_amount", "amount >= 0");
            t.HasCheckConstraint("ck_payouts_withheld", "withheld >= 0");
        });
        payout.HasKey(p => p.Id);
        payout.Property(p => p.Id).ValueGeneratedNever();
        payout.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        payout.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        payout.Property(p => p.GatewayPayoutId).HasMaxLength(100);
        payout.Property(p => p.LastError).HasMaxLength(500);
        payout.Ignore(p => p.IsOpen);
        payout.Ignore(p => p.Party);
        payout.HasIndex(p => new { p.BookingId, p.Installment, p.HostId }).IsUnique();
        payout.HasIndex(p => new { p.HostId, p.DueAt, p.Id });
        payout.HasIndex(p => p.DueAt).HasFilter("status IN ('Scheduled', 'Failed')");
    }
}
