using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;

namespace Roost.Features.Payments;

/// <summary>
/// Behaves like Stripe's test mode: test payment methods decide the outcome (pm_card_visa succeeds,
/// pm_card_chargeDeclined is declined, pm_card_insufficientFunds lacks funds ...), with Stripe's error codes and
/// messages. Its records live in PostgreSQL on a connection of its own, so they survive whatever the caller's
/// transaction does — just as Stripe's would.
/// </summary>
public sealed class SandboxGateway(IConfiguration configuration, TimeProvider time) : IPaymentGateway
{
    // A pool of its own, as a remote gateway would be: a booking holds its own connection while it waits for the
    // payment, and with one shared pool a burst of bookings could take every connection the payment needs.
    private readonly DbContextOptions<RoostDb> _options = new DbContextOptionsBuilder<RoostDb>()
        .UseNpgsql(DataSetup.Tuned(new Npgsql.NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Postgres")) { ApplicationName = "roost-sandbox-gateway" }.ConnectionString))
        .UseSnakeCaseNamingConvention()
        .Options;

    private static readonly Dictionary<string, (string ErrorCode, string DeclineCode, string Message)> Failures = new()
    {
        ["pm_card_chargeDeclined"] = ("card_declined", "generic_decline", "Your card was declined."),
        ["pm_card_insufficientFunds"] = ("card_declined", "insufficient_funds", "Your card has insufficient funds."),
        ["pm_card_chargeDeclinedExpiredCard"] = ("expired_card", "expired_card", "Your card has expired."),
        ["pm_card_chargeDeclinedIncorrectCvc"] = ("incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect."),
        ["pm_card_chargeDeclinedProcessingError"] = ("processing_error", "processing_error", "An error occurred while processing your card. Try again in a little bit."),
        ["pm_card_chargeDeclinedFraudulent"] = ("card_declined", "fraudulent", "Your card was declined."),
    };

    private static readonly HashSet<string> Approved = ["pm_card_visa", "pm_card_mastercard", "pm_card_amex", "pm_card_visa_debit", "pm_card_discover"];

    public async Task<PaymentResult> AuthorizeAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        await using var db = new RoostDb(_options);
        if (await db.Set<SandboxIntent>().AsNoTracking().SingleOrDefaultAsync(i => i.IdempotencyKey == request.IdempotencyKey, cancellationToken) is { } earlier)
        {
            return Result(earlier);
        }

        if (!Approved.Contains(request.PaymentMethod) && !Failures.ContainsKey(request.PaymentMethod))
        {
            return new PaymentResult(false, null, IntentStatus.Failed, 0, 0, "resource_missing", null, $"No such PaymentMethod: '{request.PaymentMethod}'");
        }

        var failure = Failures.GetValueOrDefault(request.PaymentMethod);
        var status = failure != default ? IntentStatus.Failed : request.CaptureNow ? IntentStatus.Succeeded : IntentStatus.RequiresCapture;
        var intent = SandboxIntent.Create(request, status, failure.DeclineCode, time.GetUtcNow());
        db.Add(intent);
        await db.SaveChangesAsync(cancellationToken);
        return Result(intent);
    }

    public Task<PaymentResult> CaptureAsync(string intentId, string idempotencyKey, CancellationToken cancellationToken) =>
        OperateAsync(intentId, idempotencyKey, "capture", 0, cancellationToken, intent =>
            intent.Status == IntentStatus.RequiresCapture
                ? Do(() => intent.Capture(time.GetUtcNow()))
                : ("payment_intent_unexpected_state", $"This PaymentIntent's status is {Snake(intent.Status)}; it could not be captured."));

    public Task<PaymentResult> VoidAsync(string intentId, string idempotencyKey, CancellationToken cancellationToken) =>
        OperateAsync(intentId, idempotencyKey, "void", 0, cancellationToken, intent =>
            intent.Status == IntentStatus.RequiresCapture
                ? Do(() => intent.Cancel(time.GetUtcNow()))
                : ("payment_intent_unexpected_state", $"This PaymentIntent's status is {Snake(intent.Status)}; it could not be canceled."));

    public Task<PaymentResult> RefundAsync(string intentId, long amount, string idempotencyKey, CancellationToken cancellationToken) =>
        OperateAsync(intentId, idempotencyKey, "refund", amount, cancellationToken, intent =>
            intent.Status != IntentStatus.Succeeded ? ("charge_not_captured", "This payment has not been captured; nothing to refund.")
            : amount <= 0 || intent.AmountRefunded + amount > intent.AmountCaptured ? ("amount_too_large", "The refund exceeds what is left to refund.")
            : Do(() => intent.Refund(amount, time.GetUtcNow())));

    private async Task<PaymentResult> OperateAsync(
        string intentId, string key, string kind, long amount, CancellationToken cancellationToken, Func<SandboxIntent, (string Code, string Message)?> apply)
    {
        await using var db = new RoostDb(_options);
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

        if (apply(intent) is { } refused)
        {
            return Result(intent) with { Succeeded = false, ErrorCode = refused.Code, Message = refused.Message };
        }

        db.Add(new SandboxOperation { IdempotencyKey = key, IntentId = intentId, Kind = kind, Amount = amount, CreatedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result(intent);
    }

    private static (string, string)? Do(Action action)
    {
        action();
        return null;
    }

    private static PaymentResult Result(SandboxIntent intent)
    {
        if (intent.Status == IntentStatus.Failed)
        {
            var failure = Failures[intent.PaymentMethod];
            return new PaymentResult(false, intent.Id, intent.Status, 0, 0, failure.ErrorCode, failure.DeclineCode, failure.Message);
        }

        return new PaymentResult(true, intent.Id, intent.Status, intent.AmountCaptured, intent.AmountRefunded);
    }

    private static string Snake(IntentStatus status) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());
}
