using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;
using Roost.Platform.Errors;

namespace Roost.Features.Payments;

/// <summary>
/// The one door for gateway events, Stripe's and the sandbox's alike: signature on the raw body first, then the event
/// is stored under its id and applied in the same transaction, so a replay (or ten) finds the row and applies nothing.
/// Money the gateway took that our books lack is then handed to <see cref="IPaymentSettlement"/>.
/// </summary>
public sealed class PaymentWebhooks(
    RoostDb db, WebhookSignature signature, IPaymentSettlement settlement, Payouts payouts, PaymentDisputes disputes, TimeProvider time, ILogger<PaymentWebhooks> logger)
{
    public async Task<Failure?> HandleAsync(string body, string? signatureHeader, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (signature.Problem(body, signatureHeader, now) is { } bad)
        {
            logger.LogWarning("Webhook refused: {Reason}", bad);
            return Failure.Validation(WebhookSignature.Header, bad);
        }

        if (GatewayEvent.Parse(body) is not { } change)
        {
            return Failure.Validation("body", "Not an event: expected {id, type, created, data: {object}}.");
        }

        if (!GatewayEvent.Handled.Contains(change.Type))
        {
            return Failure.Validation("type", $"Events of type '{change.Type}' are not handled here.");
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var inserted = await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO payment_events (id, type, object_id, created_at, received_at, payload)
                VALUES ({change.Id}, {change.Type}, {change.ObjectId}, {change.Created}, {now}, {body}::jsonb)
                ON CONFLICT (id) DO NOTHING
                """,
                cancellationToken);
            if (inserted == 0)
            {
                logger.LogInformation("Webhook {EventId} ({Type}) seen before; nothing applied", change.Id, change.Type);
                return null;
            }

            if (change.IsIntentEvent && change.IntentId is { } intentId)
            {
                await db.Database.ExecuteSqlAsync($"INSERT INTO gateway_intents (id, currency, amount, captured, refunded, status, created_at, updated_at) VALUES ({intentId}, '', 0, 0, 0, 'requires_payment_method', {change.Created}, {now}) ON CONFLICT (id) DO NOTHING", cancellationToken);
                await db.Database.ExecuteSqlAsync($"SELECT 1 FROM gateway_intents WHERE id = {intentId} FOR UPDATE", cancellationToken);
                var intent = await db.Set<GatewayIntent>().SingleAsync(i => i.Id == intentId, cancellationToken);
                intent.Apply(change, now);
                await db.SaveChangesAsync(cancellationToken);
            }
            else if (change.Type == "transfer.created" && Guid.TryParse(change.Reference, out var payoutId))
            {
                await payouts.ConfirmSentAsync(payoutId, change.ObjectId, change.Amount, cancellationToken);
            }
            else if (change.IsDisputeEvent)
            {
                await disputes.ApplyAsync(change, body, now, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        logger.LogInformation("Webhook {EventId} ({Type}) applied", change.Id, change.Type);
        if (change.IsIntentEvent && change.IntentId is { } captured)
        {
            await SettleAsync(captured, cancellationToken);
        }

        return null;
    }

    /// <summary>Settling is idempotent; if it fails here the reconciliation job tries again, so the event still counts as received.</summary>
    private async Task SettleAsync(string intentId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var intent = await db.Set<GatewayIntent>().AsNoTracking().SingleAsync(i => i.Id == intentId, cancellationToken);
        // Nearly every event is for money our books already hold: one indexed lookup, no lock, and we are done.
        // Holds are left to reconciliation, which releases one only once its booking has certainly not landed.
        if (intent.Captured == 0 || await Ledger.HasChargeAsync(db, intentId, cancellationToken))
        {
            return;
        }

        try
        {
            var done = await settlement.SettleAsync(intent.ToPayment(), cancellationToken);
            if (done is not null)
            {
                logger.LogWarning("Payment {IntentId} settled from a webhook: {Outcome}", intentId, done.What);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Settling payment {IntentId} failed; reconciliation will retry", intentId);
        }
    }
}
