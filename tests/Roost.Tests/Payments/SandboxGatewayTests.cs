using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Payments;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Payments;

/// <summary>The sandbox keeps Stripe's promise on idempotency keys: a retried call answers as the first did and moves nothing twice.</summary>
[Collection(ApiCollection.Name)]
public sealed class SandboxGatewayTests(RoostApp app)
{
    [Fact]
    public async Task A_retried_authorization_returns_the_first_intent_and_writes_no_second_one()
    {
        var request = Request("pm_card_visa", captureNow: true);

        var first = await AuthorizeAsync(request);
        var retry = await AuthorizeAsync(request with { Amount = request.Amount + 100 });

        first.Succeeded.ShouldBeTrue();
        first.AmountCaptured.ShouldBe(request.Amount);
        retry.ShouldBe(first);
        (await IntentsWithKeyAsync(request.IdempotencyKey)).ShouldBe(1);
        (await EventTypesAsync(first.IntentId!)).ShouldBe(["payment_intent.created", "payment_intent.succeeded"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_retried_declined_card_is_declined_again_with_the_same_reason()
    {
        var request = Request("pm_card_insufficientFunds", captureNow: false);

        var first = await AuthorizeAsync(request);
        var retry = await AuthorizeAsync(request);

        first.Succeeded.ShouldBeFalse();
        first.DeclineCode.ShouldBe("insufficient_funds");
        retry.ShouldBe(first);
        (await IntentsWithKeyAsync(request.IdempotencyKey)).ShouldBe(1);
        (await EventTypesAsync(first.IntentId!)).ShouldBe(["payment_intent.created", "payment_intent.payment_failed"], ignoreOrder: true);
    }

    private static PaymentRequest Request(string paymentMethod, bool captureNow)
    {
        var reference = Guid.NewGuid();
        return new PaymentRequest(25_000, "EUR", paymentMethod, captureNow, $"booking:{reference}:authorize", "sandbox test", reference.ToString(), Guid.NewGuid());
    }

    private Task<PaymentResult> AuthorizeAsync(PaymentRequest request) =>
        app.WithScopeAsync(s => s.GetRequiredService<IPaymentGateway>().AuthorizeAsync(request, CancellationToken.None));

    private Task<int> IntentsWithKeyAsync(string key) =>
        app.WithDbAsync(db => db.Set<SandboxIntent>().CountAsync(i => i.IdempotencyKey == key));

    private Task<List<string>> EventTypesAsync(string intentId) =>
        app.WithDbAsync(db => db.Set<SandboxEvent>().Where(e => e.Payload.Contains(intentId)).Select(e => e.Type).ToListAsync());
}
