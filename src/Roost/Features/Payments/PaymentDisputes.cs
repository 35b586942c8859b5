using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Accounts;
using Roost.Platform.Data;
using Roost.Platform.Http;
using Roost.Platform.Money;
using Roost.Platform.Notifications;

namespace Roost.Features.Payments;

/// <summary>
/// A guest's bank disputing a charge (a chargeback), as the gateway reports it. Answering one (the evidence) happens
/// in the gateway's dashboard; Roost keeps the case, tells the admins, and puts a lost one on the books.
/// </summary>
public sealed class PaymentDispute
{
    public string Id { get; set; } = "";

    public string IntentId { get; set; } = "";

    /// <summary>The booking the disputed charge paid for, when our books know the charge.</summary>
    public Guid? BookingId { get; set; }

    public long Amount { get; set; }

    public string Currency { get; set; } = "";

    public string Reason { get; set; } = "";

    /// <summary>Stripe's: warning_needs_response, warning_under_review, warning_closed, needs_response, under_review, won, lost.</summary>
    public string Status { get; set; } = "";

    public DateTimeOffset? EvidenceDueBy { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>When the gateway wrote the newest event applied: an older one arriving late changes nothing.</summary>
    public DateTimeOffset AsOf { get; set; }

    public static bool IsClosed(string status) => status is "won" or "lost" or "warning_closed";
}

internal sealed class PaymentDisputeConfiguration : IEntityTypeConfiguration<PaymentDispute>
{
    public void Configure(EntityTypeBuilder<PaymentDispute> dispute)
    {
        dispute.ToTable("payment_disputes");
        dispute.HasKey(d => d.Id);
        dispute.Property(d => d.Id).HasMaxLength(100);
        dispute.Property(d => d.IntentId).HasMaxLength(100);
        dispute.Property(d => d.Currency).HasMaxLength(3);
        dispute.Property(d => d.Reason).HasMaxLength(50);
        dispute.Property(d => d.Status).HasMaxLength(30);
        dispute.HasIndex(d => new { d.OpenedAt, d.Id });
        dispute.HasIndex(d => d.IntentId);
    }
}

public sealed record DisputeResponse(
    string Id, string IntentId, Guid? BookingId, Money Amount, string Reason, string Status, DateTimeOffset? EvidenceDueBy,
    DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt);

public sealed record DisputeCursor(DateTimeOffset OpenedAt, string Id);

public sealed class PaymentDisputes(RoostDb db, ILogger<PaymentDisputes> logger)
{
    public const string OpenedNotice = "payment_disputed";

    /// <summary>
    /// Applies a <c>charge.dispute.*</c> event inside the webhook's transaction. The first news of a dispute tells every
    /// active admin; a dispute closed as lost moves its amount out of the gateway account at the platform's cost (the
    /// host keeps their payout, as with any guarantee a marketplace gives its hosts), once, by the ledger's reference.
    /// </summary>
    public async Task ApplyAsync(GatewayEvent change, string body, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var data = JsonNode.Parse(body)!["data"]!["object"]!.AsObject();
        if (change.IntentId is not { } intentId || change.Status is not { } status)
        {
            logger.LogWarning("Dispute event {EventId} names no payment or status; kept, not applied", change.Id);
            return;
        }

        // Two events of one dispute may arrive at once: the row is made if missing and then locked, so they apply in
        // turn, and only the one that made it tells the admins.
        var charge = await Ledger.ChargeOfAsync(db, intentId, cancellationToken);
        var first = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO payment_disputes (id, intent_id, booking_id, amount, currency, reason, status, opened_at, as_of)
            VALUES ({change.ObjectId}, {intentId}, {charge?.BookingId}, 0, '', '', '', {change.Created}, {change.Created})
            ON CONFLICT (id) DO NOTHING
            """, cancellationToken) == 1;
        var dispute = await db.Set<PaymentDispute>().FromSql($"SELECT * FROM payment_disputes WHERE id = {change.ObjectId} FOR UPDATE").SingleAsync(cancellationToken);
        if (change.Created < dispute.OpenedAt)
        {
            dispute.OpenedAt = change.Created;
        }

        // Stripe stamps events to the second: within one, a dispute once closed stays closed.
        var stale = change.Created < dispute.AsOf
            || (change.Created == dispute.AsOf && PaymentDispute.IsClosed(dispute.Status) && !PaymentDispute.IsClosed(status));
        if (stale)
        {
            logger.LogInformation("Dispute {DisputeId}: event {EventId} is older than what is applied; skipped", dispute.Id, change.Id);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        // A dispute reported before its charge reached our books (the sandbox's, within the second) finds its booking later.
        dispute.BookingId ??= charge?.BookingId;
        var wasLost = dispute.Status == "lost";
        dispute.Amount = change.Amount;
        dispute.Currency = change.Currency;
        dispute.Reason = (string?)data["reason"] ?? "general";
        dispute.Status = status;
        dispute.EvidenceDueBy = data["evidence_details"]?["due_by"] is JsonValue due && due.TryGetValue<long>(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
        dispute.ClosedAt = PaymentDispute.IsClosed(status) ? dispute.ClosedAt ?? change.Created : null;
        dispute.AsOf = change.Created;

        if (first)
        {
            await TellAdminsAsync(dispute, now, cancellationToken);
        }

        if (status == "lost" && !wasLost)
        {
            if (charge is { } party)
            {
                Ledger.DisputeLost(db, party, dispute.Id, dispute.Amount, dispute.Reason, now);
            }
            else
            {
                logger.LogError("ALERT dispute {DisputeId} was lost on payment {IntentId}, which our books do not hold: book the loss by hand", dispute.Id, intentId);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Dispute {DisputeId} on payment {IntentId}: {Status} ({Reason})", dispute.Id, intentId, status, dispute.Reason);
    }

    private async Task TellAdminsAsync(PaymentDispute dispute, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var admins = await AccountDirectory.ActiveAdmins(db).Select(u => u.Id).ToListAsync(cancellationToken);
        var due = dispute.EvidenceDueBy is { } by ? $" Evidence is due by {by:yyyy-MM-dd HH:mm} UTC." : "";
        foreach (var admin in admins)
        {
            Notify.Add(db, admin, OpenedNotice, "A payment is disputed",
                $"The guest's bank disputes {Currency.Format(dispute.Amount, dispute.Currency)} ({dispute.Reason}).{due} Answer it in the gateway's dashboard.",
                new { disputeId = dispute.Id, bookingId = dispute.BookingId }, now);
        }
    }

    /// <summary>Newest first; <paramref name="openOnly"/> leaves out closed ones.</summary>
    public async Task<Page<DisputeResponse>> ListAsync(bool openOnly, int limit, DisputeCursor? after, CancellationToken cancellationToken)
    {
        var query = db.Set<PaymentDispute>().AsNoTracking().Where(d => !openOnly || d.ClosedAt == null);
        if (after is not null)
        {
            query = query.Where(d => d.OpenedAt < after.OpenedAt || (d.OpenedAt == after.OpenedAt && string.Compare(d.Id, after.Id) < 0));
        }

        var rows = await query.OrderByDescending(d => d.OpenedAt).ThenByDescending(d => d.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = rows.Take(limit).Select(d => new DisputeResponse(
            d.Id, d.IntentId, d.BookingId, new Money(d.Amount, d.Currency), d.Reason, d.Status, d.EvidenceDueBy, d.OpenedAt, d.ClosedAt)).ToList();
        return new Page<DisputeResponse>(items, rows.Count > limit ? Cursor.Encode(new DisputeCursor(rows[limit - 1].OpenedAt, rows[limit - 1].Id)) : null);
    }
}
