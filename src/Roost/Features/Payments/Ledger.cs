using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Platform.Data;
using Roost.Platform.Money;

namespace Roost.Features.Payments;

/// <summary>
/// Debits are positive and credits negative, so a transaction balances when its entries sum to zero.
/// <see cref="Gateway"/> is the money we hold at the processor (an asset: never below zero for a booking);
/// the other three are what we owe out of it: to the host, to ourselves, to the tax authority.
/// </summary>
public enum LedgerAccount
{
    Gateway,
    HostPayable,
    PlatformRevenue,
    TaxesPayable,
}

public static class LedgerKinds
{
    public const string Charge = "charge";
    public const string Refund = "refund";
    public const string Payout = "payout";
    public const string HostCancellationPenalty = "host_cancellation_penalty";
    public const string PenaltyWithheld = "penalty_withheld";
    public const string DisputeLost = "dispute_lost";
}

/// <summary>How an amount the guest paid (or gets back) divides between host, platform and taxes; the parts sum to it.</summary>
public sealed record PaymentShares(long Host, long Platform, long Taxes)
{
    public long Total => Host + Platform + Taxes;

    /// <summary><paramref name="amount"/> of this, each party's share in proportion, adding up to it exactly (none above its whole).</summary>
    public PaymentShares PartOf(long amount)
    {
        var parts = MoneyMath.Apportion(amount, Host, Platform, Taxes);
        return new PaymentShares(parts[0], parts[1], parts[2]);
    }

    public PaymentShares Minus(PaymentShares other) => new(Host - other.Host, Platform - other.Platform, Taxes - other.Taxes);
}

/// <summary>Whose money a transaction concerns.</summary>
public sealed record LedgerParty(Guid BookingId, Guid HostId, string Currency);

/// <summary>
/// One balanced movement of money, append-only (PostgreSQL refuses updates and deletes, and refuses at commit a
/// transaction whose entries do not sum to zero). <see cref="Reference"/> is unique: recording the same movement
/// twice is impossible, which is what makes webhooks and retries safe.
/// </summary>
public sealed class LedgerTransaction
{
    private LedgerTransaction()
    {
    }

    public Guid Id { get; private set; }

    public string Reference { get; private set; } = "";

    public string Kind { get; private set; } = "";

    public Guid? BookingId { get; private set; }

    public Guid? HostId { get; private set; }

    /// <summary>The gateway's payment intent (charges and refunds) or payout this movement mirrors.</summary>
    public string? GatewayReference { get; private set; }

    public string Currency { get; private set; } = "";

    public string? Memo { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public List<LedgerEntry> Entries { get; private set; } = [];

    internal static LedgerTransaction Create(
        string reference, string kind, LedgerParty party, string? gatewayReference, string? memo, DateTimeOffset now,
        params (LedgerAccount Account, long Amount)[] lines) =>
        Create(reference, kind, party, gatewayReference, memo, now, [.. lines.Select(l => (l.Account, l.Amount, party.BookingId))]);

    /// <summary>For the rare movement between two bookings: each line names the booking it belongs to.</summary>
    internal static LedgerTransaction Create(
        string reference, string kind, LedgerParty party, string? gatewayReference, string? memo, DateTimeOffset now,
        params (LedgerAccount Account, long Amount, Guid BookingId)[] lines)
    {
        var id = Guid.CreateVersion7(now);
        var transaction = new LedgerTransaction
        {
            Id = id,
            Reference = reference,
            Kind = kind,
            BookingId = party.BookingId,
            HostId = party.HostId,
            GatewayReference = gatewayReference,
            Currency = party.Currency,
            Memo = memo is { Length: > 500 } ? memo[..500] : memo,
            CreatedAt = now,
        };
        transaction.Entries.AddRange(lines.Where(l => l.Amount != 0).Select(l => new LedgerEntry
        {
            TransactionId = id,
            Account = l.Account,
            BookingId = l.BookingId,
            HostId = party.HostId,
            Amount = l.Amount,
            Currency = party.Currency,
        }));
        if (transaction.Entries.Sum(e => e.Amount) != 0)
        {
            throw new InvalidOperationException($"Ledger transaction {reference} does not balance.");
        }

        return transaction;
    }
}

public sealed class LedgerEntry
{
    public long Id { get; init; }

    public Guid TransactionId { get; init; }

    public LedgerAccount Account { get; init; }

    public Guid? BookingId { get; init; }

    public Guid? HostId { get; init; }

    /// <summary>Debit positive, credit negative, in minor units of <see cref="Currency"/>.</summary>
    public long Amount { get; init; }

    public string Currency { get; init; } = "";
}

/// <summary>
/// The movements the features record. Each adds its transaction to the caller's unit of work, so the money is on the
/// books exactly when the change that moved it commits.
/// </summary>
public static class Ledger
{
    public static string ChargeReference(string intentId) => $"charge:{intentId}";

    /// <param name="memo">What a charge after the booking's own was for (a change, a claim); null for the booking's.</param>
    public static void Charge(RoostDb db, LedgerParty party, string intentId, PaymentShares shares, DateTimeOffset now, string? memo = null) =>
        db.Add(LedgerTransaction.Create(ChargeReference(intentId), LedgerKinds.Charge, party, intentId, memo, now,
            (LedgerAccount.Gateway, shares.Total),
            (LedgerAccount.HostPayable, -shares.Host),
            (LedgerAccount.PlatformRevenue, -shares.Platform),
            (LedgerAccount.TaxesPayable, -shares.Taxes)));

    public static void Refund(RoostDb db, LedgerParty party, string intentId, PaymentShares back, string reference, string? reason, DateTimeOffset now) =>
        db.Add(LedgerTransaction.Create(reference, LedgerKinds.Refund, party, intentId, reason, now,
            (LedgerAccount.Gateway, -back.Total),
            (LedgerAccount.HostPayable, back.Host),
            (LedgerAccount.PlatformRevenue, back.Platform),
            (LedgerAccount.TaxesPayable, back.Taxes)));

    /// <summary>A host who cancels a confirmed stay owes the platform; it shows as a debit on what the host is owed.</summary>
    public static void HostCancellationPenalty(RoostDb db, LedgerParty party, long amount, DateTimeOffset now) =>
        db.Add(LedgerTransaction.Create($"penalty:{party.BookingId}", LedgerKinds.HostCancellationPenalty, party, null, "cancelled by the host", now,
            (LedgerAccount.HostPayable, amount),
            (LedgerAccount.PlatformRevenue, -amount)));

    /// <summary>
    /// A payout keeps back what its host owes for another booking's penalty: the debt moves off the booking that
    /// incurred it onto the one being paid, so each booking's books still balance on their own.
    /// </summary>
    internal static void WithholdPenalty(RoostDb db, LedgerParty paying, Guid owingBookingId, Guid payoutId, long amount, DateTimeOffset now) =>
        db.Add(LedgerTransaction.Create($"withheld:{payoutId}:{owingBookingId}", LedgerKinds.PenaltyWithheld, paying, null,
            $"kept from payout {payoutId} for the host cancellation penalty of booking {owingBookingId}", now,
            (LedgerAccount.HostPayable, amount, paying.BookingId),
            (LedgerAccount.HostPayable, -amount, owingBookingId)));

    internal static void Payout(RoostDb db, LedgerParty party, Guid payoutId, string gatewayPayoutId, long amount, DateTimeOffset now, string? memo = null) =>
        db.Add(LedgerTransaction.Create($"payout:{payoutId}", LedgerKinds.Payout, party, gatewayPayoutId, memo, now,
            (LedgerAccount.HostPayable, amount),
            (LedgerAccount.Gateway, -amount)));

    /// <summary>
    /// A chargeback lost: the gateway took the amount back from the platform, which bears it; what the host is owed
    /// does not change.
    /// </summary>
    public static void DisputeLost(RoostDb db, LedgerParty party, string disputeId, long amount, string reason, DateTimeOffset now) =>
        db.Add(LedgerTransaction.Create($"dispute:{disputeId}", LedgerKinds.DisputeLost, party, disputeId, $"chargeback lost ({reason})", now,
            (LedgerAccount.Gateway, -amount),
            (LedgerAccount.PlatformRevenue, amount)));

    /// <summary>Whose booking a payment paid for, as its charge on the books says; null when the books have no charge for it.</summary>
    public static async Task<LedgerParty?> ChargeOfAsync(RoostDb db, string intentId, CancellationToken cancellationToken)
    {
        var reference = ChargeReference(intentId);
        var charge = await db.Set<LedgerTransaction>().AsNoTracking().Where(t => t.Reference == reference)
            .Select(t => new { t.BookingId, t.HostId, t.Currency }).SingleOrDefaultAsync(cancellationToken);
        return charge is { BookingId: { } bookingId, HostId: { } hostId } ? new LedgerParty(bookingId, hostId, charge.Currency) : null;
    }

    public static Task<bool> HasChargeAsync(RoostDb db, string intentId, CancellationToken cancellationToken)
    {
        var reference = ChargeReference(intentId);
        return db.Set<LedgerTransaction>().AnyAsync(t => t.Reference == reference, cancellationToken);
    }

    /// <summary>
    /// The booking's payments that still hold money, newest first, as the books record them: what each paid the host,
    /// the platform and the taxes, less what was refunded on it. A stay whose price rose was paid in two or more
    /// payments, and a damage claim's payment is all the host's.
    /// </summary>
    public static async Task<IReadOnlyList<(string IntentId, PaymentShares Held)>> PaymentsOfAsync(RoostDb db, Guid bookingId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<LedgerTransaction>().AsNoTracking()
            .Where(t => t.BookingId == bookingId && t.GatewayReference != null && (t.Kind == LedgerKinds.Charge || t.Kind == LedgerKinds.Refund))
            .SelectMany(t => t.Entries, (t, e) => new { t.GatewayReference, t.Kind, t.CreatedAt, e.Account, e.Amount })
            .ToListAsync(cancellationToken);
        long Credited(IEnumerable<(LedgerAccount Account, long Amount)> entries, LedgerAccount account) => -entries.Where(e => e.Account == account).Sum(e => e.Amount);
        return [.. rows.GroupBy(r => r.GatewayReference!)
            .Select(g =>
            {
                var entries = g.Select(r => (r.Account, r.Amount)).ToList();
                var held = new PaymentShares(Credited(entries, LedgerAccount.HostPayable), Credited(entries, LedgerAccount.PlatformRevenue), Credited(entries, LedgerAccount.TaxesPayable));
                return (IntentId: g.Key, Held: held, ChargedAt: g.Where(r => r.Kind == LedgerKinds.Charge).Select(r => r.CreatedAt).DefaultIfEmpty().Min());
            })
            .Where(p => p.Held.Total > 0)
            .OrderByDescending(p => p.ChargedAt)
            .Select(p => (p.IntentId, p.Held))];
    }

    /// <summary>What Roost still holds at the gateway for a booking: charged, less refunds, payouts and lost disputes.</summary>
    public static async Task<long> GatewayBalanceAsync(RoostDb db, Guid bookingId, CancellationToken cancellationToken) =>
        await db.Set<LedgerEntry>().Where(e => e.BookingId == bookingId && e.Account == LedgerAccount.Gateway).SumAsync(e => e.Amount, cancellationToken);

    /// <summary>What the booking still owes its host (what was credited minus refunds, penalties and payouts).</summary>
    public static async Task<long> HostBalanceAsync(RoostDb db, Guid bookingId, CancellationToken cancellationToken) =>
        -await db.Set<LedgerEntry>().Where(e => e.BookingId == bookingId && e.Account == LedgerAccount.HostPayable).SumAsync(e => e.Amount, cancellationToken);

    /// <summary>Every movement with a line on the booking, a penalty withheld from another booking's payout included.</summary>
    public static async Task<IReadOnlyList<LedgerTransaction>> ForBookingAsync(RoostDb db, Guid bookingId, CancellationToken cancellationToken) =>
        await db.Set<LedgerTransaction>().AsNoTracking().Include(t => t.Entries)
            .Where(t => t.Entries.Any(e => e.BookingId == bookingId)).OrderBy(t => t.CreatedAt).ThenBy(t => t.Entries.Min(e => e.Id)).ToListAsync(cancellationToken);
}

internal sealed class LedgerTransactionConfiguration : IEntityTypeConfiguration<LedgerTransaction>
{
    public void Configure(EntityTypeBuilder<LedgerTransaction> transaction)
    {
        transaction.ToTable("ledger_transactions");
        transaction.HasKey(t => t.Id);
        transaction.Property(t => t.Id).ValueGeneratedNever();
        transaction.Property(t => t.Reference).HasMaxLength(200);
        transaction.HasIndex(t => t.Reference).IsUnique();
        transaction.Property(t => t.Kind).HasMaxLength(40);
        transaction.Property(t => t.GatewayReference).HasMaxLength(100);
        transaction.HasIndex(t => t.GatewayReference);
        transaction.HasIndex(t => t.BookingId);
        transaction.Property(t => t.Currency).HasMaxLength(3).IsFixedLength();
        transaction.Property(t => t.Memo).HasMaxLength(500);
        transaction.HasMany(t => t.Entries).WithOne().HasForeignKey(e => e.TransactionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> entry)
    {
        entry.ToTable("ledger_entries");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).UseIdentityAlwaysColumn();
        entry.Property(e => e.Account).HasConversion<string>().HasMaxLength(30);
        entry.Property(e => e.Currency).HasMaxLength(3).IsFixedLength();
        entry.HasIndex(e => new { e.BookingId, e.Account });
        // A payout looks for the host's debts on other bookings.
        entry.HasIndex(e => new { e.HostId, e.Account });
        entry.HasIndex(e => e.TransactionId);
    }
}
