using Microsoft.Extensions.Options;
using Roost.Platform.Caching;
using Roost.Platform.Errors;
using Roost.Platform.RateLimits;
using StackExchange.Redis;

namespace Roost.Features.Payments;

/// <summary>
/// Card testing: someone checking stolen card numbers against real charges tries card after card. A payer whose
/// cards were refused <see cref="PaymentOptions.MaxDeclinesPerHour"/> times within the hour is not let near the
/// gateway again until that hour is up (429). Counted per payer in Redis, so every API process shares the count;
/// with Redis away the check lets payments through, as the gateway's own fraud checks still stand.
/// </summary>
public sealed class DeclinedPayments(RedisKeyspace redis, IOptions<PaymentOptions> options)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>Why this payer may not try a card now, or null.</summary>
    public async Task<Failure?> RefusalAsync(Guid payer)
    {
        var max = options.Value.MaxDeclinesPerHour;
        if (max <= 0)
        {
            return null;
        }

        try
        {
            var declines = (long?)await redis.Database.StringGetAsync(Key(payer)) ?? 0;
            if (declines < max)
            {
                return null;
            }

            var wait = await redis.Database.KeyTimeToLiveAsync(Key(payer)) ?? Window;
            return Failure.TooManyRequests($"Payments were refused {declines} times in the last hour; try again later.", wait);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Counts a refused payment of this payer's (the window opens at the first of them).</summary>
    public async Task DeclinedAsync(Guid payer)
    {
        if (options.Value.MaxDeclinesPerHour > 0)
        {
            using var limiter = new RedisWindowLimiter(redis, Key(payer), options.Value.MaxDeclinesPerHour, Window);
            using var _ = await limiter.AcquireAsync(1);
        }
    }

    private static string Key(Guid payer) => $"{RateLimitSetup.KeyPrefix}declines:{payer:N}";
}
