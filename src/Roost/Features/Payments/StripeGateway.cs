using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roost.Features.Accounts;
using Roost.Platform.Data;
using Stripe;

namespace Roost.Features.Payments;

/// <summary>
/// Stripe: PaymentIntents (manual capture for requests to book, automatic for instant book), refunds, and host
/// payouts as transfers to the host's Connect account. Stripe's idempotency keys carry ours, so a retried call is
/// the same call. Errors come back as the <see cref="PaymentResult"/> a client sees, with Stripe's codes.
/// Every payment names the payer's Customer: the card a guest books with is saved to it, and the charges made later
/// without them (<see cref="PaymentRequest.OffSession"/>) use that saved card.
/// </summary>
public sealed class StripeGateway(IOptions<PaymentOptions> options, IServiceScopeFactory scopes, TimeProvider time, ILogger<StripeGateway> logger) : IPaymentGateway
{
    private readonly StripeClient _client = new(
        apiKey: options.Value.Stripe.SecretKey,
        apiBase: string.IsNullOrEmpty(options.Value.Stripe.ApiBase) ? null : options.Value.Stripe.ApiBase);

    public async Task<PaymentResult> AuthorizeAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        string customer;
        try
        {
            customer = await CustomerAsync(request.Payer, cancellationToken);
        }
        catch (StripeException ex)
        {
            logger.LogWarning("Stripe customer for {Payer} not created: {Code} {Message}", request.Payer, ex.StripeError?.Code, ex.StripeError?.Message ?? ex.Message);
            return Failed(ex, null);
        }

        return await IntentCallAsync(request.IdempotencyKey, () => new PaymentIntentService(_client).CreateAsync(
            new PaymentIntentCreateOptions
            {
                Amount = request.Amount,
                Currency = request.Currency.ToLowerInvariant(),
                Customer = customer,
                PaymentMethod = request.PaymentMethod,
                Confirm = true,
                CaptureMethod = request.CaptureNow ? "automatic" : "manual",
                // Paid at the checkout, the card is saved for the charges that may follow without the guest there.
                SetupFutureUsage = request.OffSession ? null : "off_session",
                OffSession = request.OffSession ? true : null,
                // A server-side booking has no page to send the guest back to: cards that need a redirect fail instead.
                AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true, AllowRedirects = "never" },
                Description = request.Description,
                Metadata = new Dictionary<string, string> { [GatewayEvent.ReferenceKey] = request.Reference },
            },
            Keyed(request.IdempotencyKey),
            cancellationToken));
    }

    /// <summary>
    /// The payer's Stripe Customer, created on their first payment. Stripe's idempotency key for the creation is the
    /// user's, so two first payments racing get the same customer, and the first link stored wins.
    /// </summary>
    private async Task<string> CustomerAsync(Guid payer, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoostDb>();
        // A closed account's customer still kept serves the charges that keep it (a damage claim), until the job deletes it.
        var known = await db.Set<GatewayCustomer>().Where(c => c.UserId == payer).Select(c => c.CustomerId).SingleOrDefaultAsync(cancellationToken);
        if (known is not null)
        {
            return known;
        }

        var user = await db.Users.Where(u => u.Id == payer).Select(u => new { u.Email, u.FirstName, u.LastName }).SingleAsync(cancellationToken);
        var created = await new CustomerService(_client).CreateAsync(
            new CustomerCreateOptions
            {
                Email = user.Email,
                Name = $"{user.FirstName} {user.LastName}".Trim(),
                Metadata = new Dictionary<string, string> { [UserKey] = payer.ToString() },
            },
            Keyed($"customer:{payer:N}"),
            cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO gateway_customers (user_id, customer_id, created_at) VALUES ({payer}, {created.Id}, {time.GetUtcNow()}) ON CONFLICT (user_id) DO NOTHING",
            cancellationToken);
        return await db.Set<GatewayCustomer>().Where(c => c.UserId == payer).Select(c => c.CustomerId).SingleAsync(cancellationToken);
    }

    /// <summary>Deletes a customer at Stripe, its saved cards with it; one Stripe no longer knows is as good as deleted.</summary>
    public async Task<bool> DeleteCustomerAsync(string customerId, CancellationToken cancellationToken)
    {
        try
        {
            // A DELETE is idempotent at Stripe by itself; it takes no idempotency key.
            await new CustomerService(_client).DeleteAsync(customerId, null, null, cancellationToken);
            return true;
        }
        catch (StripeException ex) when (ex.StripeError?.Code == "resource_missing")
        {
            return true;
        }
        catch (StripeException ex)
        {
            logger.LogWarning("Stripe customer {Customer} not deleted: {Code} {Message}", customerId, ex.StripeError?.Code, ex.StripeError?.Message ?? ex.Message);
            return false;
        }
    }

    /// <summary>Where a Stripe Customer names the Roost user it is.</summary>
    public const string UserKey = "roost_user";

    public Task<PaymentResult> CaptureAsync(string intentId, string idempotencyKey, CancellationToken cancellationToken) =>
        IntentCallAsync(idempotencyKey, () => new PaymentIntentService(_client).CaptureAsync(intentId, null, Keyed(idempotencyKey), cancellationToken));

    public Task<PaymentResult> VoidAsync(string intentId, string idempotencyKey, CancellationToken cancellationToken) =>
        IntentCallAsync(idempotencyKey, () => new PaymentIntentService(_client).CancelAsync(intentId, null, Keyed(idempotencyKey), cancellationToken));

    public async Task<PaymentResult> RefundAsync(string intentId, long amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        try
        {
            var refund = await new RefundService(_client).CreateAsync(
                new RefundCreateOptions { PaymentIntent = intentId, Amount = amount }, Keyed(idempotencyKey), cancellationToken);
            return refund.Status is "failed" or "canceled"
                ? new PaymentResult(false, intentId, IntentStatus.Succeeded, 0, 0, "refund_failed", null, $"The refund {refund.Id} {refund.Status}.")
                : new PaymentResult(true, intentId, IntentStatus.Succeeded, 0, refund.Amount);
        }
        catch (StripeException ex)
        {
            return Failed(ex, intentId);
        }
    }

    public async Task<PayoutResult> PayoutAsync(PayoutRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Destination))
        {
            return new PayoutResult(false, null, "no_payout_account", "The host has not connected a payout account.");
        }

        try
        {
            var transfer = await new TransferService(_client).CreateAsync(
                new TransferCreateOptions
                {
                    Amount = request.Amount,
                    Currency = request.Currency.ToLowerInvariant(),
                    Destination = request.Destination,
                    Description = request.Description,
                    Metadata = new Dictionary<string, string> { [GatewayEvent.ReferenceKey] = request.Reference },
                },
                Keyed(request.IdempotencyKey),
                cancellationToken);
            return new PayoutResult(true, transfer.Id);
        }
        catch (StripeException ex)
        {
            logger.LogWarning("Stripe transfer {Key} failed: {Code} {Message}", request.IdempotencyKey, ex.StripeError?.Code, ex.StripeError?.Message ?? ex.Message);
            return new PayoutResult(false, null, ex.StripeError?.Code ?? "api_error", ex.StripeError?.Message ?? ex.Message);
        }
    }

    public async Task<IReadOnlyList<GatewayPayment>> ListPaymentsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var payments = new List<GatewayPayment>();
        var list = new PaymentIntentListOptions
        {
            Created = new DateRangeOptions { GreaterThanOrEqual = from.UtcDateTime, LessThan = to.UtcDateTime },
            Limit = 100,
            Expand = ["data.latest_charge"],
        };
        await foreach (var intent in new PaymentIntentService(_client).ListAutoPagingAsync(list, null, cancellationToken))
        {
            if (intent.Status is "requires_payment_method" or "requires_confirmation" or "requires_action")
            {
                continue;
            }

            intent.Metadata.TryGetValue(GatewayEvent.ReferenceKey, out var reference);
            payments.Add(new GatewayPayment(
                intent.Id, reference, intent.Currency.ToUpperInvariant(), intent.AmountReceived, intent.LatestCharge?.AmountRefunded ?? 0,
                intent.Status == "requires_capture", new DateTimeOffset(intent.Created, TimeSpan.Zero)));
        }

        return payments;
    }

    private static RequestOptions Keyed(string idempotencyKey) => new() { IdempotencyKey = idempotencyKey };

    private async Task<PaymentResult> IntentCallAsync(string key, Func<Task<PaymentIntent>> call)
    {
        try
        {
            var intent = await call();
            var status = intent.Status switch
            {
                "requires_capture" => IntentStatus.RequiresCapture,
                "succeeded" => IntentStatus.Succeeded,
                "canceled" => IntentStatus.Canceled,
                _ => IntentStatus.Failed,
            };
            return status == IntentStatus.Failed
                ? new PaymentResult(false, intent.Id, status, 0, 0, "payment_intent_incomplete", null, $"The payment needs more from the card holder ({intent.Status}).")
                : new PaymentResult(true, intent.Id, status, intent.AmountReceived, 0, PaymentMethod: intent.PaymentMethodId);
        }
        catch (StripeException ex)
        {
            logger.LogInformation("Stripe call {Key} refused: {Code} {DeclineCode}", key, ex.StripeError?.Code, ex.StripeError?.DeclineCode);
            return Failed(ex, ex.StripeError?.PaymentIntent?.Id);
        }
    }

    private static PaymentResult Failed(StripeException ex, string? intentId) => new(
        false, intentId, IntentStatus.Failed, 0, 0, ex.StripeError?.Code ?? "api_error", ex.StripeError?.DeclineCode, ex.StripeError?.Message ?? "The payment service could not be reached.");
}
