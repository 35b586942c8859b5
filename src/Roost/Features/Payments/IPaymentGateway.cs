namespace Roost.Features.Payments;

/// <summary>
/// A card processor with Stripe's model: a payment intent is authorized (funds held), then captured or voided, and
/// captured money can be refunded. Every call carries an idempotency key, so a retried call never moves money twice.
/// </summary>
public interface IPaymentGateway
{
    Task<PaymentResult> AuthorizeAsync(PaymentRequest request, CancellationToken cancellationToken);

    Task<PaymentResult> CaptureAsync(string intentId, string idempotencyKey, CancellationToken cancellationToken);

    Task<PaymentResult> VoidAsync(string intentId, string idempotencyKey, CancellationToken cancellationToken);

    Task<PaymentResult> RefundAsync(string intentId, long amount, string idempotencyKey, CancellationToken cancellationToken);
}

/// <param name="CaptureNow">Instant book charges at once; a request to book only holds the money until the host accepts.</param>
public sealed record PaymentRequest(long Amount, string Currency, string PaymentMethod, bool CaptureNow, string IdempotencyKey, string Description);

public enum IntentStatus
{
    RequiresCapture,
    Succeeded,
    Canceled,
    Failed,
}

/// <summary>What the gateway answered; on failure, the codes and message a client would see from Stripe.</summary>
public sealed record PaymentResult(
    bool Succeeded,
    string? IntentId,
    IntentStatus Status,
    long AmountCaptured,
    long AmountRefunded,
    string? ErrorCode = null,
    string? DeclineCode = null,
    string? Message = null);
