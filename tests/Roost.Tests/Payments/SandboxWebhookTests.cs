using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Payments;
using Roost.Tests.GraphQL;

namespace Roost.Tests.Payments;

/// <summary>On an app with no job server, so the delivery under test is the only one.</summary>
public sealed class SandboxWebhookTests(ApiOnlyApp app) : IClassFixture<ApiOnlyApp>
{
    [Fact]
    public async Task A_burst_of_payments_is_delivered_whole_and_each_payments_events_in_the_order_they_happened()
    {
        const int payments = 24;
        var intents = new List<string>();
        for (var i = 0; i < payments; i++)
        {
            var reference = Guid.NewGuid();
            var authorized = await GatewayAsync(g => g.AuthorizeAsync(
                new PaymentRequest(10_000 + i, "EUR", "pm_card_visa", CaptureNow: false, $"burst:{reference}:authorize", "burst", reference.ToString(), Guid.NewGuid()), CancellationToken.None));
            await GatewayAsync(g => g.CaptureAsync(authorized.IntentId!, $"burst:{reference}:capture", CancellationToken.None));
            await GatewayAsync(g => g.RefundAsync(authorized.IntentId!, 2_500, $"burst:{reference}:refund", CancellationToken.None));
            intents.Add(authorized.IntentId!);
        }

        var delivered = await app.WithScopeAsync(s => s.GetRequiredService<SandboxWebhooks>().DeliverAsync());

        // Created, authorized, captured, refunded: four events a payment, each taken once.
        delivered.ShouldBe(payments * 4);
        var sent = (await app.WithDbAsync(db => db.Set<SandboxEvent>().AsNoTracking().OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync()))
            .Where(e => intents.Any(e.Payload.Contains)).ToList();
        sent.ShouldAllBe(e => e.DeliveredAt != null && e.Attempts == 1);
        var received = await app.WithDbAsync(db => db.Set<PaymentEvent>().AsNoTracking().OrderBy(e => e.ReceivedAt).ThenBy(e => e.Id).ToListAsync());
        received.Count.ShouldBe(payments * 4);
        foreach (var (intentId, amount) in intents.Select((id, i) => (id, 10_000L + i)))
        {
            var intent = await app.WithDbAsync(db => db.Set<GatewayIntent>().AsNoTracking().SingleAsync(x => x.Id == intentId));
            intent.Status.ShouldBe("succeeded");
            intent.Captured.ShouldBe(amount);
            intent.Refunded.ShouldBe(2_500);
            received.Where(e => e.Payload.Contains(intentId)).Select(e => e.Id)
                .ShouldBe(sent.Where(e => e.Payload.Contains(intentId)).Select(e => e.Id), $"the events of {intentId}, in the order the sandbox made them");
        }
    }

    [Fact]
    public async Task A_refused_event_is_retried_after_a_growing_wait_not_again_in_the_same_minute()
    {
        var id = $"evt_refused_{Guid.NewGuid():N}";
        await app.WithDbAsync(async db =>
        {
            db.Add(new SandboxEvent { Id = id, Type = "payment_intent.succeeded", Payload = "not an event", CreatedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        Task<SandboxEvent> EventAsync() => app.WithDbAsync(db => db.Set<SandboxEvent>().AsNoTracking().SingleAsync(e => e.Id == id));
        Task DeliverAsync() => app.WithScopeAsync(s => s.GetRequiredService<SandboxWebhooks>().DeliverAsync());

        await DeliverAsync();
        await DeliverAsync();

        var refused = await EventAsync();
        (refused.Attempts, refused.DeliveredAt).ShouldBe((1, null));
        refused.LastError.ShouldNotBeNull();
        refused.NextAttemptAt.ShouldNotBeNull().ShouldBeInRange(DateTimeOffset.UtcNow.AddSeconds(30), DateTimeOffset.UtcNow.AddMinutes(1));

        await app.WithDbAsync(db => db.Set<SandboxEvent>().Where(e => e.Id == id)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.NextAttemptAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        await DeliverAsync();
        var again = await EventAsync();
        again.Attempts.ShouldBe(2);
        again.NextAttemptAt.ShouldNotBeNull().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(4));
        await app.WithDbAsync(db => db.Set<SandboxEvent>().Where(e => e.Id == id).ExecuteDeleteAsync());
    }

    private Task<PaymentResult> GatewayAsync(Func<IPaymentGateway, Task<PaymentResult>> call) =>
        app.WithScopeAsync(s => call(s.GetRequiredService<IPaymentGateway>()));
}
