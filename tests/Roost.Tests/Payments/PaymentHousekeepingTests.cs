using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Payments;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Payments;

[Collection(ApiCollection.Name)]
public sealed class PaymentHousekeepingTests(RoostApp app)
{
    [Fact]
    public async Task Webhook_events_go_after_30_days_and_the_sandboxs_only_once_delivered_or_given_up()
    {
        var tag = Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        var old = now.AddDays(-31);
        await app.WithDbAsync(db =>
        {
            db.AddRange(
                new PaymentEvent { Id = $"evt_old_{tag}", Type = "charge.refunded", CreatedAt = old, ReceivedAt = old, Payload = "{}" },
                new PaymentEvent { Id = $"evt_new_{tag}", Type = "charge.refunded", CreatedAt = now, ReceivedAt = now.AddDays(-1), Payload = "{}" },
                new SandboxEvent { Id = $"sbx_delivered_{tag}", Type = "charge.refunded", Payload = "{}", CreatedAt = old, DeliveredAt = old, Attempts = 1 },
                new SandboxEvent { Id = $"sbx_given_up_{tag}", Type = "charge.refunded", Payload = "{}", CreatedAt = old, Attempts = 10 },
                new SandboxEvent { Id = $"sbx_retrying_{tag}", Type = "charge.refunded", Payload = "{}", CreatedAt = old, Attempts = 3, NextAttemptAt = now.AddHours(1) },
                new SandboxEvent { Id = $"sbx_recent_{tag}", Type = "charge.refunded", Payload = "{}", CreatedAt = now, DeliveredAt = now, Attempts = 1 });
            return db.SaveChangesAsync();
        });

        await app.WithScopeAsync(services => services.GetRequiredService<PaymentHousekeeping>().PurgeAsync());

        (await app.WithDbAsync(db => db.Set<PaymentEvent>().Where(e => e.Id.EndsWith(tag)).Select(e => e.Id).ToListAsync())).ShouldBe([$"evt_new_{tag}"]);
        (await app.WithDbAsync(db => db.Set<SandboxEvent>().Where(e => e.Id.EndsWith(tag)).Select(e => e.Id).ToListAsync()))
            .ShouldBe([$"sbx_retrying_{tag}", $"sbx_recent_{tag}"], ignoreOrder: true);
    }
}
