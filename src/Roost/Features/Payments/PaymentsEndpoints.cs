using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Roost.Platform.Auth;
using Roost.Platform.Http;

namespace Roost.Features.Payments;

public sealed record WebhookReceipt(bool Received);


public static class PaymentsEndpoints
{
    private const int MaxWebhookBytes = 256 * 1024;

    public static RouteGroupBuilder MapPayments(this RouteGroupBuilder api)
    {
        api.MapPost("/payments/webhook", Webhook).AllowAnonymous().WithMetadata(new RequestSizeLimitAttribute(MaxWebhookBytes)).WithTags("Payments")
            .WithSummary("Gateway events (Stripe's format and signature); each applied once").Accepts<object>("application/json");
        api.MapGet("/host/payouts", ListPayouts).RequireAuthorization(Policies.Host).WithTags("Payments").WithSummary("Your payouts: scheduled, paid, failed, with the bookings they cover");
        api.MapGet("/host/earnings", Earnings).RequireAuthorization(Policies.Host).WithTags("Payments")
            .WithSummary("Your year (?year=, default this one) per currency and month: paid out, still to come, kept back for penalties");
        api.MapPut("/host/payout-account", SetPayoutAccount).RequireAuthorization(Policies.Host).WithTags("Payments").WithSummary("Where your payouts go (a Stripe Connect account id)");
        api.MapGet("/admin/payments/disputes", ListDisputes).RequireAuthorization(Policies.Admin).WithTags("Payments")
            .WithSummary("Chargebacks the gateway reported, newest first; ?open=true for those not closed");
        api.MapGet("/admin/payments/reconciliation", ListDifferences).RequireAuthorization(Policies.Admin).WithTags("Payments").WithSummary("Where the gateway and the ledger disagreed");
        return api;
    }

    private static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> Webhook(HttpContext http, PaymentWebhooks webhooks)
    {
        // The signature covers the exact bytes sent, so the body is read raw, never re-serialized.
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        var failure = await webhooks.HandleAsync(body, http.Request.Headers[WebhookSignature.Header].ToString(), http.RequestAborted);
        return failure is null ? TypedResults.Ok(new WebhookReceipt(true)) : failure.ToProblem(http);
    }

    private static async Task<Results<Ok<Page<PayoutResponse>>, ProblemHttpResult>> ListPayouts(Payouts payouts, HttpContext http, int limit = 20, string? cursor = null) =>
        PageRequest.Check<PayoutCursor>(limit, cursor, out var after) is { } bad
            ? bad.ToProblem(http)
            : TypedResults.Ok(await payouts.ListAsync(http.User.UserId(), limit, after, http.RequestAborted));

    private static async Task<Results<Ok<HostEarningsResponse>, ProblemHttpResult>> Earnings(HostEarnings earnings, HttpContext http, int? year = null)
    {
        var outcome = await earnings.ForYearAsync(http.User.UserId(), year, http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Ok<PayoutAccountResponse>> SetPayoutAccount(PayoutAccountRequest request, PayoutAccounts accounts, HttpContext http) =>
        TypedResults.Ok(await accounts.SetAsync(http.User.UserId(), request.AccountId, http.RequestAborted));

    private static async Task<Results<Ok<Page<DisputeResponse>>, ProblemHttpResult>> ListDisputes(
        PaymentDisputes disputes, HttpContext http, bool open = false, int limit = 20, string? cursor = null) =>
        PageRequest.Check<DisputeCursor>(limit, cursor, out var after) is { } bad
            ? bad.ToProblem(http)
            : TypedResults.Ok(await disputes.ListAsync(open, limit, after, http.RequestAborted));

    private static async Task<Results<Ok<Page<DifferenceResponse>>, ProblemHttpResult>> ListDifferences(
        Reconciliation reconciliation, HttpContext http, bool open = false, int limit = 20, string? cursor = null) =>
        PageRequest.Check<DifferenceCursor>(limit, cursor, out var after) is { } bad
            ? bad.ToProblem(http)
            : TypedResults.Ok(await reconciliation.ListAsync(open, limit, after, http.RequestAborted));
}
