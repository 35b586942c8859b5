using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Roost.Platform.Data;

namespace Roost.Features.Payments;

/// <summary>
/// Behaves like Stripe's test mode: test payment methods decide the outcome (pm_card_visa succeeds,
/// pm_card_chargeDeclined is declined, pm_card_insufficientFunds lacks funds ...), with Stripe's error codes and
/// messages. Its records live in PostgreSQL on a connection of its own, so they survive whatever the caller's
/// transaction does — just as Stripe's would — and every change writes the event Stripe would send, which
/// <see cref="SandboxWebhooks"/> delivers, signed, to our webhook handler.
/// </summary>
public sealed class SandboxGateway(IConfiguration configuration, TimeProvider time) : IPaymentGateway
{
    /// <summary>A host payout account that refuses transfers, as Stripe's test accounts can.</summary>
    public const string FailingPayoutAccount = "acct_sandbox_payouts_fail";

    // A pool of its own, as a remote gateway would be: a booking holds its own connection while it waits for the
    // payment, and with one shared pool a burst of bookings could take every connection the payment needs. Contexts
    // are pooled too: one per payment call, and building a fresh one cost ~4 % of a booking's CPU in the bench.
    // Its commits do not wait for the disk: the booking that follows a payment commits synchronously and so flushes
    // the log past the payment's records; a database crash before that loses the payment together with the booking,
    // as if the gateway had never been reached, which is what the retry then finds.
    private readonly PooledDbContextFactory<RoostDb> _contexts = new(new DbContextOptionsBuilder<RoostDb>()
        .UseNpgsql(DataSetup.Tuned(SandboxConnection(configuration.GetConnectionString("Postgres"))))
        .UseSnakeCaseNamingConvention()
        .Options);

    private static string SandboxConnection(string? connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "roost-sandbox-gateway" };
        builder.Options = $"{builder.Options} -c synchronous_commit=off".Trim();
        return builder.ConnectionString;
    }

    private static readonly Dictionary<string, (string ErrorCode, string DeclineCode, string Message)> Failures = new()
    {
        ["pm_card_chargeDeclined"] = ("card_declined", "generic_decline", "Your card was declined."),
        ["pm_card_insufficientFunds"] = ("card_declined", "insufficient_funds", "Your card has insufficient funds."),
        ["pm_card_chargeDeclinedExpiredCard"] = ("expired_card", "expired_card", "Your card has expired."),
        ["pm_card_chargeDeclinedIncorrectCvc"] = ("incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect."),
        ["pm_card_chargeDeclinedProcessingError"] = ("processing_error", "processing_error", "An error occurred while processing your card. Try again in a little bit."),
        ["pm_card_chargeDeclinedFraudulent"] = ("card_declined", "fraudulent", "Your card was declined."),
    };

    /// <summary>
    /// Pays while the guest is there, and is declined for every later charge made without them (the rest of a stay, a
    /// claim), as Stripe's test card of that name is once saved to a customer.
    /// </summary>
    public const string FailsOffSessionCard = "pm_card_chargeCustomerFail";

    /// <summary>Pays, and then the guest's bank disputes the charge, as Stripe's test card of that name does.</summary>
    public const string DisputedCard = "pm_card_createDispute";

    private static (string ErrorCode, string DeclineCode, string Message) FailureOf(string paymentMethod) =>
        Failures.GetValueOrDefault(paymentMethod == FailsOffSessionCard ? "pm_card_chargeDeclined" : paymentMethod);

    private static readonly HashSet<string> Approved = ["pm_card_visa", "pm_card_mastercard", "pm_card_amex", "pm_card_visa_debit", "pm_card_discover", DisputedCard, FailsOffSessionCard];

    public async Task<PaymentResult> AuthorizeAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        if (!Approved.Contains(request.PaymentMethod) && !Failures.ContainsKey(request.PaymentMethod))
        {
            return new PaymentResult(false, null, IntentStatus.Failed, 0, 0, "resource_missing", null, $"No such PaymentMethod: '{request.PaymentMethod}'");
        }

        var failure = request.PaymentMethod != FailsOffSessionCard || request.OffSession ? FailureOf(request.PaymentMethod) : default;
        var status = failure != default ? IntentStatus.Failed : request.CaptureNow ? IntentStatus.Succeeded : IntentStatus.RequiresCapture;
        var now = time.GetUtcNow();
        var intent = SandboxIntent.Create(request, status, failure.DeclineCode, now);
        await using var db = _contexts.CreateDbContext();
        db.Add(intent);
        Emit(db, "payment_intent.created", IntentJson(intent, "requires_payment_method"), now);
        Emit(db, status switch
        {
            IntentStatus.Failed => "payment_intent.payment_failed",
            IntentStatus.Succeeded => "payment_intent.succeeded",
            _ => "payment_intent.amount_capturable_updated",
        }, IntentJson(intent), now);
        DisputeIfTestCard(db, intent, now);

        // The intent and its events go as one batch without BEGIN and COMMIT: PostgreSQL runs a batch that has no
        // transaction of its own as one implicit transaction, so it is still all or nothing, in one round trip.
        // A key seen before is the rare case, so it is found by its unique index refusing the insert.
        db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Result(intent);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation("ix_sandbox_payment_intents_idempotency_key"))
        {
            await using var lookup = _contexts.CreateDbContext();
            var earlier = await lookup.Set<SandboxIntent>().AsNoTracking().SingleAsync(i => i.IdempotencyKey == request.IdempotencyKey, cancellationToken);
            return Result(earlier);
        }
    }

    public Task<PaymentResult> CaptureAsync(string intentId, string idempotencyKey, CancellationToken cancellationToken) =>
        OperateAsync(intentId, idempotencyKey, "capture", 0, cancellationToken, (db, intent, now) =>
        {
            if (intent.Status != IntentStatus.RequiresCapture)
            {
                return ("payment_intent_unexpected_state", $"This PaymentIntent's status is {Snake(intent.Status)}; it could not be captured.");
            }

            intent.Capture(now);
            Emit(db, "payment_intent.succeeded", IntentJson(intent), now);
            DisputeIfTestCard(db, intent, now);
            return null;
        });

    public Task<PaymentResult> VoidAsync(string intentId, string idempotencyKey, CancellationToken cancellationToken) =>
        OperateAsync(intentId, idempotencyKey, "void", 0, cancellationToken, (db, intent, now) =>
        {
            if (intent.Status != IntentStatus.RequiresCapture)
            {
                return ("payment_intent_unexpected_state", $"This PaymentIntent's status is {Snake(intent.Status)}; it could not be canceled.");
            }

            intent.Cancel(now);
            Emit(db, "payment_intent.canceled", IntentJson(intent), now);
            return null;
        });

    public Task<PaymentResult> RefundAsync(string intentId, long amount, string idempotencyKey, CancellationToken cancellationToken) =>
        OperateAsync(intentId, idempotencyKey, "refund", amount, cancellationToken, (db, intent, now) =>
        {
            if (intent.Status != IntentStatus.Succeeded)
            {
                return ("charge_not_captured", "This payment has not been captured; nothing to refund.");
            }

            if (amount <= 0 || intent.AmountRefunded + amount > intent.AmountCaptured)
            {
                return ("amount_too_large", "The refund exceeds what is left to refund.");
            }

            intent.Refund(amount, now);
            Emit(db, "charge.refunded", new JsonObject
            {
                ["id"] = "ch_" + intent.Id[3..],
                ["object"] = "charge",
                ["payment_intent"] = intent.Id,
                ["amount"] = intent.Amount,
                ["amount_captured"] = intent.AmountCaptured,
                ["amount_refunded"] = intent.AmountRefunded,
                ["currency"] = intent.Currency.ToLowerInvariant(),
                ["refunded"] = intent.AmountRefunded == intent.AmountCaptured,
                ["metadata"] = Metadata(intent.Reference),
            }, now);
            return null;
        });

    public async Task<PayoutResult> PayoutAsync(PayoutRequest request, CancellationToken cancellationToken)
    {
        await using var db = _contexts.CreateDbContext();
        if (await db.Set<SandboxOperation>().AsNoTracking().SingleOrDefaultAsync(o => o.IdempotencyKey == request.IdempotencyKey, cancellationToken) is { } earlier)
        {
            return new PayoutResult(true, earlier.ResultId);
        }

        if (request.Destination == FailingPayoutAccount)
        {
            return new PayoutResult(false, null, "account_invalid", "The destination account cannot receive transfers.");
        }

        var now = time.GetUtcNow();
        var id = "tr_sbx_" + Guid.CreateVersion7(now).ToString("N");
        db.Add(new SandboxOperation { IdempotencyKey = request.IdempotencyKey, IntentId = request.Destination ?? "acct_sandbox", Kind = "payout", Amount = request.Amount, ResultId = id, CreatedAt = now });
        Emit(db, "transfer.created", new JsonObject
        {
            ["id"] = id,
            ["object"] = "transfer",
            ["amount"] = request.Amount,
            ["currency"] = request.Currency.ToLowerInvariant(),
            ["destination"] = request.Destination ?? "acct_sandbox",
            ["metadata"] = Metadata(request.Reference),
        }, now);
        await db.SaveChangesAsync(cancellationToken);
        return new PayoutResult(true, id);
    }

    public async Task<IReadOnlyList<GatewayPayment>> ListPaymentsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var db = _contexts.CreateDbContext();
        return await db.Set<SandboxIntent>().AsNoTracking()
            .Where(i => i.CreatedAt >= from && i.CreatedAt < to && i.Status != IntentStatus.Failed)
            .OrderBy(i => i.CreatedAt)
            .Select(i => new GatewayPayment(i.Id, i.Reference, i.Currency, i.AmountCaptured, i.AmountRefunded, i.Status == IntentStatus.RequiresCapture, i.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    private async Task<PaymentResult> OperateAsync(
        string intentId, string key, string kind, long amount, CancellationToken cancellationToken,
        Func<RoostDb, SandboxIntent, DateTimeOffset, (string Code, string Message)?> apply)
    {
        await using var db = _contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM sandbox_payment_intents WHERE id = {intentId} FOR UPDATE", cancellationToken);
        var intent = await db.Set<SandboxIntent>().SingleOrDefaultAsync(i => i.Id == intentId, cancellationToken);
        if (intent is null)
        {
            return new PaymentResult(false, intentId, IntentStatus.Failed, 0, 0, "resource_missing", null, $"No such payment_intent: '{intentId}'");
        }

        if (await db.Set<SandboxOperation>().AnyAsync(o => o.IdempotencyKey == key, cancellationToken))
        {
            return Result(intent);
        }

        var now = time.GetUtcNow();
        if (apply(db, intent, now) is { } refused)
        {
            return Result(intent) with { Succeeded = false, ErrorCode = refused.Code, Message = refused.Message };
        }

        db.Add(new SandboxOperation { IdempotencyKey = key, IntentId = intentId, Kind = kind, Amount = amount, CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result(intent);
    }

    private static void Emit(RoostDb db, string type, JsonObject data, DateTimeOffset now)
    {
        var id = "evt_sbx_" + Guid.CreateVersion7(now).ToString("N");
        var payload = new JsonObject
        {
            ["id"] = id,
            ["object"] = "event",
            ["type"] = type,
            ["created"] = now.ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["data"] = new JsonObject { ["object"] = data },
        };
        db.Add(new SandboxEvent { Id = id, Type = type, Payload = payload.ToJsonString(), CreatedAt = now });
    }

    private static void DisputeIfTestCard(RoostDb db, SandboxIntent intent, DateTimeOffset now)
    {
        if (intent.PaymentMethod != DisputedCard || intent.Status != IntentStatus.Succeeded)
        {
            return;
        }

        Emit(db, "charge.dispute.created", new JsonObject
        {
            ["id"] = "dp_" + intent.Id[3..],
            ["object"] = "dispute",
            ["amount"] = intent.AmountCaptured,
            ["currency"] = intent.Currency.ToLowerInvariant(),
            ["charge"] = "ch_" + intent.Id[3..],
            ["payment_intent"] = intent.Id,
            ["reason"] = "fraudulent",
            ["status"] = "needs_response",
            ["evidence_details"] = new JsonObject { ["due_by"] = (now + TimeSpan.FromDays(7)).ToUnixTimeSeconds() },
        }, now);
    }

    private static JsonObject IntentJson(SandboxIntent intent, string? status = null) => new()
    {
        ["id"] = intent.Id,
        ["object"] = "payment_intent",
        ["amount"] = intent.Amount,
        ["amount_capturable"] = intent.Status == IntentStatus.RequiresCapture ? intent.Amount : 0,
        ["amount_received"] = intent.AmountCaptured,
        ["currency"] = intent.Currency.ToLowerInvariant(),
        ["status"] = status ?? (intent.Status == IntentStatus.Failed ? "requires_payment_method" : Snake(intent.Status)),
        ["capture_method"] = "manual",
        ["metadata"] = Metadata(intent.Reference),
    };

    private static JsonObject Metadata(string? reference) => reference is null ? [] : new JsonObject { [GatewayEvent.ReferenceKey] = reference };

    private static PaymentResult Result(SandboxIntent intent)
    {
        if (intent.Status == IntentStatus.Failed)
        {
            var failure = FailureOf(intent.PaymentMethod);
            return new PaymentResult(false, intent.Id, intent.Status, 0, 0, failure.ErrorCode, failure.DeclineCode, failure.Message);
        }

        return new PaymentResult(true, intent.Id, intent.Status, intent.AmountCaptured, intent.AmountRefunded, PaymentMethod: intent.PaymentMethod);
    }

    private static string Snake(IntentStatus status) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());
}
