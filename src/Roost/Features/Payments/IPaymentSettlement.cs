namespace Roost.Features.Payments;

/// <summary>
/// What becomes of money the gateway took that our books do not show (a crash between the gateway's answer and our
/// commit). Payments sits below Bookings, so it cannot decide; the bookings feature implements this and Payments
/// calls it from the webhook handler and the reconciliation job.
/// </summary>
public interface IPaymentSettlement
{
    /// <returns>What was done, or null when there was nothing to do.</returns>
    Task<Settled?> SettleAsync(GatewayPayment payment, CancellationToken cancellationToken);
}

/// <param name="Returned">Money given back to the payer at the gateway by this settlement (a refund).</param>
public sealed record Settled(string What, long Returned);
