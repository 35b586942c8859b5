namespace Roost.Features.Payments;

/// <summary>
/// A card processor with Stripe's model: a payment intent is authorized (funds held), then captured or voided, and
/// captured money can be refunded; hosts are paid by transfers. Every call carries an idempotency key, so a retried
/// call never moves money twice.
/// </summary>
public interface IPaymentGateway
{
    Task<PaymentResult> AuthorizeAsync(PaymentRequest request, CancellationToken cancellationToken);

    Task<PaymentResult> CaptureAsync(string intentId, string idempotencyKey, CancellationToken cancellationToken);

    Task<PaymentResult> VoidAsync(string intentId, string idempotencyKey, CancellationToken cancellationToken);

    Task<PaymentResult> RefundAsync(string intentId, long amount, string idempotencyKey, CancellationToken cancellationToken);

    Task<PayoutResult> PayoutAsync(PayoutRequest request, CancellationToken cancellationToken);

    /// <summary>The gateway's own record of payments created in a window: what reconciliation checks the ledger against.</summary>
    Task<IReadOnlyList<GatewayPayment>> ListPaymentsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

/// <param name="CaptureNow">Instant book charges at once; a request to book only holds the money until the host accepts.</param>
/// <param name="Reference">Our id for what is paid (the booking), stored with the payment so webhooks can find it.</param>
/// <param name="Payer">The user who pays: the card is saved to their customer at the gateway for later charges.</param>
/// <param name="OffSession">
/// A charge the payer is not there to confirm (a change of stay, a damage claim), made with the card saved when
/// they booked; a card that then needs its holder to authenticate is declined rather than waiting for them.
/// </param>
public sealed record PaymentRequest(
    long Amount, string Currency, string PaymentMethod, bool CaptureNow, string IdempotencyKey, string Description, string Reference, Guid Payer,
    bool OffSession = false);

public enum IntentStatus
{
    RequiresCapture,
    Succeeded,
    Canceled,
    Failed,
}

/// <summary>
/// What the gateway answered; on failure, the codes and message a client would see from Stripe. On success,
/// <paramref name="PaymentMethod"/> is the card as the gateway saved it, which later charges name.
/// </summary>
public sealed record PaymentResult(
    bool Succeeded,
    string? IntentId,
    IntentStatus Status,
    long AmountCaptured,
    long AmountRefunded,
    string? ErrorCode = null,
    string? DeclineCode = null,
    string? Message = null,
    string? PaymentMethod = null)
{
    /// <summary>
    /// A charge that paid and is still paid. A retry whose key finds a charge made before a crash, and given back
    /// since by reconciliation (the books never showed it), took nothing and must not be recorded as paid.
    /// </summary>
    public bool Kept => Succeeded && AmountRefunded == 0;
}

/// <param name="Destination">The host's account at the gateway (a Stripe Connect account id).</param>
public sealed record PayoutRequest(long Amount, string Currency, string? Destination, string IdempotencyKey, string Description, string Reference);

public sealed record PayoutResult(bool Succeeded, string? PayoutId, string? ErrorCode = null, string? Message = null);

/// <param name="Held">Authorized and not yet captured or released.</param>
public sealed record GatewayPayment(string IntentId, string? Reference, string Currency, long Captured, long Refunded, bool Held, DateTimeOffset CreatedAt);
