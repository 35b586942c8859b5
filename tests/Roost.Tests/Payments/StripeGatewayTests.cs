using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Roost.Features.Bookings;
using Roost.Features.Payments;
using Roost.Platform.Data;
using Roost.Tests.GraphQL;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Payments;

/// <summary>The Stripe gateway's requests and its reading of answers, against a local server that speaks Stripe's API.</summary>
public sealed class StripeGatewayTests(ApiOnlyApp app) : IClassFixture<ApiOnlyApp>, IAsyncLifetime
{
    private readonly FakeStripe _stripe = new();
    private StripeGateway _gateway = null!;
    private TestUser _payer = null!;

    public async Task InitializeAsync()
    {
        await _stripe.StartAsync();
        _gateway = new StripeGateway(
            Options.Create(new PaymentOptions { Gateway = "stripe", WebhookSecret = "whsec_x", Stripe = new StripeOptions { SecretKey = "sk_test_fake", ApiBase = _stripe.BaseUrl } }),
            app.Services.GetRequiredService<IServiceScopeFactory>(),
            TimeProvider.System,
            NullLogger<StripeGateway>.Instance);
        _payer = await app.RegisterGuestAsync();
    }

    public async Task DisposeAsync() => await _stripe.DisposeAsync();

    private PaymentRequest Request(bool captureNow, string method = "pm_card_visa") =>
        new(12345, "EUR", method, captureNow, "booking:b1:authorize", "Roost booking b1", "b1", _payer.Id);

    private IEnumerable<FakeStripe.Call> IntentCalls => _stripe.Calls.Where(c => c.Path == "/v1/payment_intents");

    [Fact]
    public async Task A_request_to_book_creates_a_confirmed_manual_capture_intent_with_our_key_and_reference()
    {
        var result = await _gateway.AuthorizeAsync(Request(captureNow: false), CancellationToken.None);

        result.ShouldBe(new PaymentResult(true, "pi_fake_1", IntentStatus.RequiresCapture, 0, 0, PaymentMethod: "pm_fake_saved_1"));
        var call = IntentCalls.ShouldHaveSingleItem();
        call.IdempotencyKey.ShouldBe("booking:b1:authorize");
        call.Authorization.ShouldBe("Bearer sk_test_fake");
        call.Form.ShouldSatisfyAllConditions(
            f => f["amount"].ShouldBe("12345"),
            f => f["currency"].ShouldBe("eur"),
            f => f["payment_method"].ShouldBe("pm_card_visa"),
            f => f["confirm"].ShouldBe("true"),
            f => f["capture_method"].ShouldBe("manual"),
            f => f["metadata[roost_reference]"].ShouldBe("b1"),
            f => f["automatic_payment_methods[allow_redirects]"].ShouldBe("never"),
            f => f["customer"].ShouldBe("cus_fake_1"),
            f => f["setup_future_usage"].ShouldBe("off_session"),
            f => f.ContainsKey("off_session").ShouldBeFalse());
    }

    [Fact]
    public async Task A_payers_first_payment_makes_their_customer_and_later_ones_reuse_it()
    {
        await _gateway.AuthorizeAsync(Request(captureNow: true), CancellationToken.None);
        await _gateway.AuthorizeAsync(Request(captureNow: true) with { IdempotencyKey = "booking:b2:authorize", Reference = "b2" }, CancellationToken.None);

        var created = _stripe.Calls.Where(c => c.Path == "/v1/customers").ShouldHaveSingleItem();
        created.IdempotencyKey.ShouldBe($"customer:{_payer.Id:N}");
        created.Form["email"].ShouldBe(_payer.Email);
        created.Form[$"metadata[{StripeGateway.UserKey}]"].ShouldBe(_payer.Id.ToString());
        IntentCalls.Select(c => c.Form["customer"]).ShouldBe(["cus_fake_1", "cus_fake_1"]);
    }

    [Fact]
    public async Task A_closed_accounts_customer_is_deleted_at_Stripe_by_the_job_and_forgotten()
    {
        await _gateway.AuthorizeAsync(Request(captureNow: true), CancellationToken.None);
        (await LinkedCustomersAsync()).ShouldBe(["cus_fake_1"]);

        (await _payer.Client.PostAsJsonAsync("/api/v1/me/close", new { password = _payer.Password })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        _stripe.Calls.ShouldNotContain(c => c.Method == "DELETE");
        await ForgetClosedAsync();
        await ForgetClosedAsync();

        _stripe.Calls.Where(c => c.Method == "DELETE").Select(c => c.Path).ShouldBe(["/v1/customers/cus_fake_1"]);
        (await LinkedCustomersAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_guest_who_closes_their_account_after_a_stay_keeps_their_card_for_damage_claims_and_no_longer()
    {
        var booked = await _gateway.AuthorizeAsync(Request(captureNow: true), CancellationToken.None);
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var stay = await _payer.BookAsync(listing.Id, TestBookings.Soon(60), 2);
        // The stay ended yesterday, and the job completed it.
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE bookings SET check_in = current_date - 3, check_out = current_date - 1, check_out_at = now() - interval '1 day', status = 'Completed', occupancy_id = NULL WHERE id = {stay.Id}"));
        var checkOutAt = await app.WithDbAsync(db => db.Bookings.Where(b => b.Id == stay.Id).Select(b => b.CheckOutAt).SingleAsync());

        (await _payer.Client.PostAsJsonAsync("/api/v1/me/close", new { password = _payer.Password })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ForgetClosedAsync(DateTimeOffset.UtcNow);
        (await KeptUntilAsync())!.Value.ShouldBe(checkOutAt + Roost.Features.Claims.StayClaims.FilingWindow, TimeSpan.FromMilliseconds(1));
        (await LinkedCustomersAsync()).ShouldBe(["cus_fake_1"]);

        // The host finds damage within the window: the card is kept while the claim is settled, and charged off-session.
        (await host.Client.PostAsJsonAsync($"/api/v1/bookings/{stay.Id}/claims", new { reason = "damage", description = "A broken lamp.", amount = 4000 }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await KeptUntilAsync())!.Value.ShouldBe(DateTimeOffset.UtcNow + Roost.Features.Claims.StayClaims.CardKeptForSettlement, TimeSpan.FromMinutes(1));
        await ForgetClosedAsync(DateTimeOffset.UtcNow + Roost.Features.Claims.StayClaims.FilingWindow + TimeSpan.FromDays(1));
        _stripe.Calls.ShouldNotContain(c => c.Method == "DELETE");
        var charged = await _gateway.AuthorizeAsync(
            new PaymentRequest(4000, "EUR", booked.PaymentMethod!, CaptureNow: true, "booking:b1:claim:c1:charge", "Roost claim", "b1:claim:c1", _payer.Id, OffSession: true),
            CancellationToken.None);
        charged.Succeeded.ShouldBeTrue();
        IntentCalls.Last().Form["customer"].ShouldBe("cus_fake_1");
        _stripe.Calls.Count(c => c.Path == "/v1/customers").ShouldBe(1);

        await ForgetClosedAsync(DateTimeOffset.UtcNow + Roost.Features.Claims.StayClaims.CardKeptForSettlement + TimeSpan.FromMinutes(1));
        _stripe.Calls.Where(c => c.Method == "DELETE").Select(c => c.Path).ShouldBe(["/v1/customers/cus_fake_1"]);
        (await LinkedCustomersAsync()).ShouldBeEmpty();
    }

    private Task ForgetClosedAsync() => ForgetClosedAsync(DateTimeOffset.UtcNow);

    private Task ForgetClosedAsync(DateTimeOffset at) =>
        app.WithScopeAsync(services => new StripeCustomers(services.GetRequiredService<RoostDb>(), _gateway, new FixedClock(at), NullLogger<StripeCustomers>.Instance).ForgetClosedAsync());

    private Task<DateTimeOffset?> KeptUntilAsync() =>
        app.WithScopeAsync(services => services.GetRequiredService<RoostDb>().Set<GatewayCustomer>().Where(c => c.UserId == _payer.Id).Select(c => c.KeepUntil).SingleAsync());

    private Task<List<string>> LinkedCustomersAsync() =>
        app.WithScopeAsync(services => services.GetRequiredService<RoostDb>().Set<GatewayCustomer>()
            .Where(c => c.UserId == _payer.Id).Select(c => c.CustomerId).ToListAsync());

    [Fact]
    public async Task A_charge_without_the_guest_there_uses_the_saved_card_off_session()
    {
        var booked = await _gateway.AuthorizeAsync(Request(captureNow: true), CancellationToken.None);

        var later = await _gateway.AuthorizeAsync(
            new PaymentRequest(4000, "EUR", booked.PaymentMethod!, CaptureNow: true, "booking:b1:claim:c1:charge", "Roost claim", "b1:claim:c1", _payer.Id, OffSession: true),
            CancellationToken.None);

        later.Succeeded.ShouldBeTrue();
        later.PaymentMethod.ShouldBe("pm_fake_saved_1");
        IntentCalls.Last().Form.ShouldSatisfyAllConditions(
            f => f["payment_method"].ShouldBe("pm_fake_saved_1"),
            f => f["customer"].ShouldBe("cus_fake_1"),
            f => f["off_session"].ShouldBe("true"),
            f => f["confirm"].ShouldBe("true"),
            f => f.ContainsKey("setup_future_usage").ShouldBeFalse());
    }

    [Fact]
    public async Task Instant_book_captures_at_once_and_a_retry_with_the_same_key_is_the_same_payment()
    {
        var first = await _gateway.AuthorizeAsync(Request(captureNow: true), CancellationToken.None);
        var retry = await _gateway.AuthorizeAsync(Request(captureNow: true), CancellationToken.None);

        first.ShouldBe(new PaymentResult(true, "pi_fake_1", IntentStatus.Succeeded, 12345, 0, PaymentMethod: "pm_fake_saved_1"));
        retry.ShouldBe(first);
        IntentCalls.Select(c => c.Form["capture_method"]).ShouldBe(["automatic", "automatic"]);
    }

    [Fact]
    public async Task A_declined_card_comes_back_with_stripes_codes_and_message()
    {
        var result = await _gateway.AuthorizeAsync(Request(captureNow: true, "pm_card_chargeDeclined"), CancellationToken.None);

        result.Succeeded.ShouldBeFalse();
        result.IntentId.ShouldBe("pi_fake_1");
        result.ErrorCode.ShouldBe("card_declined");
        result.DeclineCode.ShouldBe("generic_decline");
        result.Message.ShouldBe("Your card was declined.");
    }

    [Fact]
    public async Task Capture_void_and_refund_call_their_endpoints_with_keys()
    {
        var held = await _gateway.AuthorizeAsync(Request(captureNow: false), CancellationToken.None);
        var captured = await _gateway.CaptureAsync(held.IntentId!, "booking:b1:capture", CancellationToken.None);
        var voidAfterCapture = await _gateway.VoidAsync(held.IntentId!, "booking:b1:void", CancellationToken.None);
        var refund = await _gateway.RefundAsync(held.IntentId!, 4000, "booking:b1:cancel-refund", CancellationToken.None);

        captured.ShouldBe(new PaymentResult(true, "pi_fake_1", IntentStatus.Succeeded, 12345, 0, PaymentMethod: "pm_fake_saved_1"));
        voidAfterCapture.Succeeded.ShouldBeFalse();
        voidAfterCapture.ErrorCode.ShouldBe("payment_intent_unexpected_state");
        refund.Succeeded.ShouldBeTrue();
        refund.AmountRefunded.ShouldBe(4000);
        _stripe.Calls.Select(c => (c.Path, c.IdempotencyKey)).ShouldBe([
            ("/v1/customers", $"customer:{_payer.Id:N}"),
            ("/v1/payment_intents", "booking:b1:authorize"),
            ("/v1/payment_intents/pi_fake_1/capture", "booking:b1:capture"),
            ("/v1/payment_intents/pi_fake_1/cancel", "booking:b1:void"),
            ("/v1/refunds", "booking:b1:cancel-refund")]);
        _stripe.Calls[4].Form["payment_intent"].ShouldBe("pi_fake_1");
        _stripe.Calls[4].Form["amount"].ShouldBe("4000");
    }

    [Fact]
    public async Task A_payout_is_a_transfer_to_the_hosts_account_keyed_by_the_payout()
    {
        var sent = await _gateway.PayoutAsync(new PayoutRequest(9000, "EUR", "acct_host1", "payout:p1", "Roost payout", "p1"), CancellationToken.None);
        var noAccount = await _gateway.PayoutAsync(new PayoutRequest(9000, "EUR", null, "payout:p2", "Roost payout", "p2"), CancellationToken.None);

        sent.Succeeded.ShouldBeTrue();
        sent.PayoutId!.ShouldStartWith("tr_fake_");
        var call = _stripe.Calls.ShouldHaveSingleItem();
        call.Path.ShouldBe("/v1/transfers");
        call.IdempotencyKey.ShouldBe("payout:p1");
        call.Form["destination"].ShouldBe("acct_host1");
        call.Form["metadata[roost_reference]"].ShouldBe("p1");
        noAccount.ShouldSatisfyAllConditions(r => r.Succeeded.ShouldBeFalse(), r => r.ErrorCode.ShouldBe("no_payout_account"));
    }

    [Fact]
    public async Task Listing_payments_for_reconciliation_reads_captures_refunds_and_references()
    {
        await _gateway.AuthorizeAsync(Request(captureNow: true), CancellationToken.None);

        var payments = await _gateway.ListPaymentsAsync(DateTimeOffset.UtcNow.AddDays(-3), DateTimeOffset.UtcNow, CancellationToken.None);

        payments.ShouldHaveSingleItem().ShouldBe(new GatewayPayment("pi_fake_1", "b1", "EUR", 12345, 1500, false, DateTimeOffset.FromUnixTimeSeconds(1764158400)));
        var list = _stripe.Calls.Last();
        list.Method.ShouldBe("GET");
        Uri.UnescapeDataString(list.Query).ShouldContain("expand[0]=data.latest_charge");
        Uri.UnescapeDataString(list.Query).ShouldContain("created[gte]=");
    }

    [Fact]
    public void Stripe_events_parse_into_what_the_webhook_applies()
    {
        const string succeeded = """
            {"id":"evt_3Q","object":"event","api_version":"2025-09-30","created":1764158400,"livemode":false,"type":"payment_intent.succeeded",
             "data":{"object":{"id":"pi_3Q","object":"payment_intent","amount":12345,"amount_capturable":0,"amount_received":12345,"currency":"eur",
             "status":"succeeded","metadata":{"roost_reference":"b1"},"latest_charge":"ch_3Q"}}}
            """;
        const string refunded = """
            {"id":"evt_4R","object":"event","created":1764158500,"type":"charge.refunded",
             "data":{"object":{"id":"ch_3Q","object":"charge","amount":12345,"amount_captured":12345,"amount_refunded":2000,"currency":"eur",
             "payment_intent":"pi_3Q","metadata":{}}}}
            """;

        GatewayEvent.Parse(succeeded).ShouldBe(new GatewayEvent("evt_3Q", "payment_intent.succeeded", DateTimeOffset.FromUnixTimeSeconds(1764158400), "pi_3Q", "pi_3Q", "b1", "EUR", 12345, 12345, 0, "succeeded"));
        GatewayEvent.Parse(refunded).ShouldBe(new GatewayEvent("evt_4R", "charge.refunded", DateTimeOffset.FromUnixTimeSeconds(1764158500), "ch_3Q", "pi_3Q", null, "EUR", 12345, 12345, 2000, null));
        GatewayEvent.Parse("""{"id":"evt_5","type":"x"}""").ShouldBeNull();
        GatewayEvent.Parse("[1,2]").ShouldBeNull();
    }
}
