using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Roost.Platform.Errors;
using Roost.Platform.Caching;

namespace Roost.Platform.RateLimits;

/// <summary>
/// The named rate-limit policies for callers that are not a route of their own (GraphQL's login and message
/// mutations): the same Redis counters as the REST policies, so the two doors share one budget.
/// </summary>
public sealed class RateBudgets(RedisKeyspace redis, IOptions<RateLimitOptions> options)
{
    public async Task<Failure?> SpendAsync(string policy, HttpContext context)
    {
        var limits = options.Value;
        var permits = policy == RateLimitSetup.Credentials ? limits.CredentialsPerMinute : limits.MessagesPerMinute;
        using var limiter = new RedisWindowLimiter(redis, RateLimitSetup.KeyPrefix + RateLimitSetup.PolicyKey(policy, context), permits, TimeSpan.FromMinutes(1));
        using var lease = await limiter.AcquireAsync(1, context.RequestAborted);
        if (lease.IsAcquired)
        {
            return null;
        }

        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        return Failure.TooManyRequests("Too many requests.", wait);
    }
}
