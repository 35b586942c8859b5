using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Roost.Features.Payments;

/// <summary>
/// Every call to the gateway, counted by operation and outcome, with its duration: a processor that starts
/// declining, failing or slowing down shows on a dashboard before guests write in. Wraps whichever gateway is
/// configured, so the sandbox and Stripe are measured alike.
/// </summary>
public sealed class MeteredGateway(IPaymentGateway inner, IMeterFactory meters) : IPaymentGateway
{
    public const string MeterName = "Roost.Payments";

    private readonly Counter<long> calls = meters.Create(MeterName).CreateCounter<long>(
        "roost_gateway_calls", description: "Calls to the payment gateway by operation and outcome (succeeded, declined, failed).");

    private readonly Histogram<double> seconds = meters.Create(MeterName).CreateHistogram<double>(
        "roost_gateway_call_duration", unit: "s", description: "How long the payment gateway took to answer, by operation.");

    public Task<PaymentResult> AuthorizeAsync(PaymentRequest request, CancellationToken cancellationToken) =>
        TimeAsync(request.CaptureNow ? "charge" : "authorize", () => inner.AuthorizeAsync(request, cancellationToken), Outcome);

    public Task<PaymentResult> CaptureAsync(string intentId, string idempotencyKey, CancellationToken cancellationToken) =>
        TimeAsync("capture", () => inner.CaptureAsync(intentId, idempotencyKey, cancellationToken), Outcome);

    public Task<PaymentResult> VoidAsync(string intentId, string idempotencyKey, CancellationToken cancellationToken) =>
        TimeAsync("void", () => inner.VoidAsync(intentId, idempotencyKey, cancellationToken), Outcome);

    public Task<PaymentResult> RefundAsync(string intentId, long amount, string idempotencyKey, CancellationToken cancellationToken) =>
        TimeAsync("refund", () => inner.RefundAsync(intentId, amount, idempotencyKey, cancellationToken), Outcome);

    public Task<PayoutResult> PayoutAsync(PayoutRequest request, CancellationToken cancellationToken) =>
        TimeAsync("payout", () => inner.PayoutAsync(request, cancellationToken), result => result.Succeeded ? "succeeded" : "failed");

    public Task<IReadOnlyList<GatewayPayment>> ListPaymentsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        TimeAsync("list_payments", () => inner.ListPaymentsAsync(from, to, cancellationToken), _ => "succeeded");

    /// <summary>A card's refusal (a decline code) is the guest's card; any other failure is the processor or us.</summary>
    private static string Outcome(PaymentResult result) =>
        result.Succeeded ? "succeeded" : result.DeclineCode is not null || result.ErrorCode == "card_declined" ? "declined" : "failed";

    private async Task<T> TimeAsync<T>(string operation, Func<Task<T>> call, Func<T, string> outcome)
    {
        var started = Stopwatch.GetTimestamp();
        var result = "error";
        try
        {
            var answer = await call();
            result = outcome(answer);
            return answer;
        }
        finally
        {
            var tags = new TagList { { "operation", operation }, { "outcome", result } };
            calls.Add(1, tags);
            seconds.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("operation", operation));
        }
    }
}
