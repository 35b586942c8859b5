using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using Roost.Platform.Data;
using Roost.Platform.Http;

namespace Roost.Features.Payments;

/// <summary>A payment on which the gateway and our ledger disagree, as a reconciliation run found it.</summary>
public sealed class ReconciliationDifference
{
    public Guid Id { get; set; }

    public string IntentId { get; set; } = "";

    public string? Reference { get; set; }

    public string Currency { get; set; } = "";

    public long GatewayCaptured { get; set; }

    public long GatewayRefunded { get; set; }

    public long LedgerCharged { get; set; }

    public long LedgerRefunded { get; set; }

    public DateTimeOffset FoundAt { get; set; }

    /// <summary>What the run did about it (settled, refunded …); null while it still needs a person.</summary>
    public string? Resolution { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }
}

public sealed record DifferenceResponse(
    Guid Id, string IntentId, string? Reference, string Currency, long GatewayCaptured, long GatewayRefunded, long LedgerCharged, long LedgerRefunded,
    DateTimeOffset FoundAt, string? Resolution, DateTimeOffset? ResolvedAt);

public sealed record DifferenceCursor(DateTimeOffset FoundAt, Guid Id);

public sealed record ReconciliationReport(int Payments, int Differences, int Resolved);

/// <summary>
/// The daily check: every payment the gateway recorded in the window against the ledger's charges and refunds for
/// it. A charge our books lack is handed to settlement (the crash between a gateway call and our commit ends here);
/// whatever remains is written down for a person, with a log line.
/// </summary>
public sealed class Reconciliation(
    RoostDb db, IPaymentGateway gateway, IPaymentSettlement settlement, IOptions<PaymentOptions> options, TimeProvider time, ILogger<Reconciliation> logger)
{
    /// <summary>A payment younger than this may belong to a booking still being written; it waits for the next run.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(15);

    public async Task<ReconciliationReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var payments = await gateway.ListPaymentsAsync(now - options.Value.ReconciliationWindow, now - Grace, cancellationToken);
        int differences = 0, resolved = 0;
        foreach (var payment in payments)
        {
            var books = await BooksAsync(payment.IntentId, cancellationToken);
            var agreed = Agrees(payment, books);
            // A hold is normal for a request awaiting its host; settlement only acts on one whose booking never landed.
            if (agreed && !payment.Held)
            {
                continue;
            }

            Settled? resolution = null;
            try
            {
                resolution = await settlement.SettleAsync(payment, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Settling payment {IntentId} during reconciliation failed", payment.IntentId);
            }

            if (agreed && resolution is null)
            {
                continue;
            }

            differences++;

            db.ChangeTracker.Clear();
            var after = await BooksAsync(payment.IntentId, cancellationToken);
            var settled = resolution is not null && Agrees(payment with { Refunded = payment.Refunded + resolution.Returned }, after);
            resolved += settled ? 1 : 0;
            db.Add(new ReconciliationDifference
            {
                Id = Guid.CreateVersion7(now),
                IntentId = payment.IntentId,
                Reference = payment.Reference,
                Currency = payment.Currency,
                GatewayCaptured = payment.Captured,
                GatewayRefunded = payment.Refunded,
                LedgerCharged = books.Charged,
                LedgerRefunded = books.Refunded,
                FoundAt = now,
                Resolution = settled ? resolution!.What : null,
                ResolvedAt = settled ? now : null,
            });
            await db.SaveChangesAsync(cancellationToken);
            logger.LogWarning(
                "Reconciliation: payment {IntentId} ({Reference}) gateway captured {GatewayCaptured} refunded {GatewayRefunded}, ledger charged {LedgerCharged} refunded {LedgerRefunded}: {Resolution}",
                payment.IntentId, payment.Reference, payment.Captured, payment.Refunded, books.Charged, books.Refunded, resolution?.What ?? "left for a person");
        }

        logger.LogInformation("Reconciliation checked {Payments} payments: {Differences} differences, {Resolved} resolved", payments.Count, differences, resolved);
        return new ReconciliationReport(payments.Count, differences, resolved);
    }

    public async Task<Page<DifferenceResponse>> ListAsync(bool openOnly, int limit, DifferenceCursor? after, CancellationToken cancellationToken)
    {
        var query = db.Set<ReconciliationDifference>().AsNoTracking().Where(d => !openOnly || d.ResolvedAt == null);
        if (after is not null)
        {
            query = query.Where(d => d.FoundAt < after.FoundAt || (d.FoundAt == after.FoundAt && d.Id.CompareTo(after.Id) < 0));
        }

        var rows = await query.OrderByDescending(d => d.FoundAt).ThenByDescending(d => d.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = rows.Take(limit).Select(d => new DifferenceResponse(
            d.Id, d.IntentId, d.Reference, d.Currency, d.GatewayCaptured, d.GatewayRefunded, d.LedgerCharged, d.LedgerRefunded, d.FoundAt, d.Resolution, d.ResolvedAt)).ToList();
        return new Page<DifferenceResponse>(items, rows.Count > limit ? Cursor.Encode(new DifferenceCursor(rows[limit - 1].FoundAt, rows[limit - 1].Id)) : null);
    }

    /// <summary>
    /// The books agree when they hold what the gateway holds; a charge that never reached our books and was given
    /// back in full (a booking that did not commit) holds nothing on either side.
    /// </summary>
    private static bool Agrees(GatewayPayment payment, (long Charged, long Refunded) books) =>
        payment.Captured - payment.Refunded == books.Charged - books.Refunded && (books.Charged == 0 || books.Charged == payment.Captured);

    private async Task<(long Charged, long Refunded)> BooksAsync(string intentId, CancellationToken cancellationToken)
    {
        var movements = await db.Set<LedgerEntry>()
            .Where(e => e.Account == LedgerAccount.Gateway)
            .Join(db.Set<LedgerTransaction>().Where(t => t.GatewayReference == intentId), e => e.TransactionId, t => t.Id, (e, t) => new { t.Kind, e.Amount })
            .GroupBy(m => m.Kind).Select(g => new { Kind = g.Key, Sum = g.Sum(m => m.Amount) }).ToListAsync(cancellationToken);
        return (movements.Where(m => m.Kind == LedgerKinds.Charge).Sum(m => m.Sum), -movements.Where(m => m.Kind == LedgerKinds.Refund).Sum(m => m.Sum));
    }
}

internal sealed class ReconciliationDifferenceConfiguration : IEntityTypeConfiguration<ReconciliationDifference>
{
    public void Configure(EntityTypeBuilder<ReconciliationDifference> difference)
    {
        difference.ToTable("reconciliation_differences");
        difference.HasKey(d => d.Id);
        difference.Property(d => d.Id).ValueGeneratedNever();
        difference.Property(d => d.IntentId).HasMaxLength(100);
        difference.Property(d => d.Reference).HasMaxLength(100);
        difference.Property(d => d.Currency).HasMaxLength(3);
        difference.Property(d => d.Resolution).HasMaxLength(300);
        difference.HasIndex(d => new { d.FoundAt, d.Id });
    }
}
