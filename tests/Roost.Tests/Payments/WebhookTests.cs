using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Payments;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Payments;

[Collection(ApiCollection.Name)]
public sealed class WebhookTests(RoostApp app)
{
    private readonly WebhookSignature _signature = new(RoostApp.WebhookSecret, TimeSpan.FromMinutes(5));

    public static string Event(string type, JsonObject data, string? id = null, DateTimeOffset? created = null) => new JsonObject
    {
        ["id"] = id ?? $"evt_test_{Guid.NewGuid():N}",
        ["object"] = "event",
        ["type"] = type,
        ["created"] = (created ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(),
        ["data"] = new JsonObject { ["object"] = data },
    }.ToJsonString();

    public static JsonObject Intent(string id, string status, long amount, long received) => new()
    {
        ["id"] = id,
        ["object"] = "payment_intent",
        ["amount"] = amount,
        ["amount_received"] = received,
        ["currency"] = "eur",
        ["status"] = status,
        ["metadata"] = new JsonObject { ["roost_reference"] = "not-a-booking" },
    };

    private Task<HttpResponseMessage> PostAsync(string body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(WebhookSignature.Header, signature);
        }

        return app.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task An_event_replayed_ten_times_is_stored_and_applied_once()
    {
        var intentId = $"pi_test_{Guid.NewGuid():N}";
        var body = Event("payment_intent.amount_capturable_updated", Intent(intentId, "requires_capture", 5000, 0));
        for (var i = 0; i < 10; i++)
        {
            var response = await PostAsync(body, _signature.Sign(body, DateTimeOffset.UtcNow));
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        var id = (string)JsonNode.Parse(body)!["id"]!;
        (await app.WithDbAsync(db => db.Set<PaymentEvent>().CountAsync(e => e.Id == id))).ShouldBe(1);
        var intent = await app.WithDbAsync(db => db.Set<GatewayIntent>().AsNoTracking().SingleAsync(i => i.Id == intentId));
        intent.Status.ShouldBe("requires_capture");
        intent.Amount.ShouldBe(5000);
    }

    [Fact]
    public async Task Events_out_of_order_still_leave_the_payment_where_it_ended()
    {
        var intentId = $"pi_test_{Guid.NewGuid():N}";
        var succeeded = Event("payment_intent.succeeded", Intent(intentId, "succeeded", 7000, 7000));
        var created = Event("payment_intent.created", Intent(intentId, "requires_payment_method", 7000, 0), created: DateTimeOffset.UtcNow.AddSeconds(-5));
        (await PostAsync(succeeded, _signature.Sign(succeeded, DateTimeOffset.UtcNow))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync(created, _signature.Sign(created, DateTimeOffset.UtcNow))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var intent = await app.WithDbAsync(db => db.Set<GatewayIntent>().AsNoTracking().SingleAsync(i => i.Id == intentId));
        intent.Status.ShouldBe("succeeded");
        intent.Captured.ShouldBe(7000);
    }

    [Fact]
    public async Task Bad_signatures_stale_timestamps_unknown_types_and_garbage_are_400_and_apply_nothing()
    {
        var intentId = $"pi_test_{Guid.NewGuid():N}";
        var body = Event("payment_intent.succeeded", Intent(intentId, "succeeded", 100, 100));
        var wrongSecret = new WebhookSignature("whsec_not_ours", TimeSpan.FromMinutes(5));
        var unknown = Event("customer.created", new JsonObject { ["id"] = "cus_1", ["object"] = "customer" });

        await (await PostAsync(body, null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await PostAsync(body, wrongSecret.Sign(body, DateTimeOffset.UtcNow))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await PostAsync(body.Replace("100", "999"), _signature.Sign(body, DateTimeOffset.UtcNow))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await PostAsync(body, _signature.Sign(body, DateTimeOffset.UtcNow.AddMinutes(-10)))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await PostAsync(unknown, _signature.Sign(unknown, DateTimeOffset.UtcNow))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await PostAsync("not json", _signature.Sign("not json", DateTimeOffset.UtcNow))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        (await app.WithDbAsync(db => db.Set<GatewayIntent>().AnyAsync(i => i.Id == intentId))).ShouldBeFalse();
        (await app.WithDbAsync(db => db.Set<PaymentEvent>().AnyAsync(e => e.Type == "customer.created"))).ShouldBeFalse();
    }
}
