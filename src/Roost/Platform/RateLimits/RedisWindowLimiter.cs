using System.Diagnostics;
using System.Threading.RateLimiting;
using Roost.Platform.Caching;
using StackExchange.Redis;

namespace Roost.Platform.RateLimits;

/// <summary>
/// A window of <c>permits</c> requests counted in Redis, so every API process shares one budget per client. The
/// window opens at a client's first request and closes <c>window</c> later (one atomic script: count, and set the
/// expiry on the first count). When Redis is away the process counts alone, as if it were the only one.
/// </summary>
internal sealed class RedisWindowLimiter(RedisKeyspace redis, string key, int permits, TimeSpan window) : RateLimiter
{
    private const string CountScript = """
        local count = redis.call('INCRBY', KEYS[1], ARGV[1])
        if count == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return { count, redis.call('PTTL', KEYS[1]) }
        """;

    private readonly FixedWindowRateLimiter _local = new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = permits,
        Window = window,
        QueueLimit = 0,
    });

    private long _lastUsed = Stopwatch.GetTimestamp();

    public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>Counting needs a round trip, so the synchronous attempt always defers to <see cref="AcquireAsyncCore"/>.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => WindowLease.Deferred;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
        try
        {
            var result = (RedisResult[])(await redis.Database.ScriptEvaluateAsync(
                CountScript, [key], [permitCount, (long)window.TotalMilliseconds]))!;
            var count = (long)result[0];
            var remaining = TimeSpan.FromMilliseconds(Math.Max(0, (long)result[1]));
            return count <= permits ? WindowLease.Granted : new WindowLease(false, remaining);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return await _local.AcquireAsync(permitCount, cancellationToken);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _local.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class WindowLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly WindowLease Granted = new(true, null);
        public static readonly WindowLease Deferred = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
