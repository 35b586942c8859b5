using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;

namespace Roost.Features.Payments;

/// <summary>
/// The job that deletes closed accounts' customers at Stripe (their e-mail addresses and saved cards), once nothing
/// may still charge them (<see cref="GatewayCustomer.KeepUntil"/>).
/// </summary>
public sealed class StripeCustomers(RoostDb db, StripeGateway stripe, TimeProvider time, ILogger<StripeCustomers> logger)
{
    public async Task ForgetClosedAsync()
    {
        var now = time.GetUtcNow();
        var closed = await db.Set<GatewayCustomer>().AsNoTracking()
            .Where(c => c.ForgetRequestedAt != null && (c.KeepUntil == null || c.KeepUntil <= now))
            .OrderBy(c => c.ForgetRequestedAt).Take(500)
            .Select(c => new { c.UserId, c.CustomerId })
            .ToListAsync();
        foreach (var customer in closed)
        {
            // A failure stays marked and is tried again on the next run.
            if (await stripe.DeleteCustomerAsync(customer.CustomerId, CancellationToken.None))
            {
                await db.Set<GatewayCustomer>().Where(c => c.UserId == customer.UserId && c.ForgetRequestedAt != null).ExecuteDeleteAsync();
                logger.LogInformation("Deleted the Stripe customer of closed account {UserId}", customer.UserId);
            }
        }
    }
}
