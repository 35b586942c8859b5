using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Roost.Platform.Caching;

/// <summary>
/// Keeps every process's in-memory copies honest. HybridCache removes an entry from this process's memory and from
/// Redis, but other API processes would go on serving their own copy until it expires; so each removal is also
/// announced on a Redis channel, and every other process removes its copy on hearing it. With Redis away nothing is
/// announced, and copies live out their <see cref="RedisSetup.LocalExpiration"/>, as before.
/// </summary>
public sealed class CacheEvictions(
    [FromKeyedServices(CacheEvictions.LocalCache)] HybridCache local, IConnectionMultiplexer redis, IOptions<RedisOptions> options, ILogger<CacheEvictions> logger)
    : BackgroundService
{
    /// <summary>HybridCache as the framework builds it, which forgets only in this process (and Redis).</summary>
    public const string LocalCache = "local";

    private static readonly TimeSpan RetrySubscribing = TimeSpan.FromSeconds(5);

    // Who announced a removal: a process has already removed its own copies, so it ignores its own announcements.
    private readonly string _processId = Guid.NewGuid().ToString("N");

    private readonly RedisChannel _channel = RedisChannel.Literal(options.Value.KeyPrefix + "cache:evictions");

    /// <summary>Tells the other processes to drop these keys; not waited for, so a removal costs no round trip.</summary>
    public void Announce(IEnumerable<string> keys)
    {
        var message = string.Join('\n', keys.Prepend(_processId));
        try
        {
            redis.GetSubscriber().Publish(_channel, message, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogDebug("Cache removal not announced: Redis unreachable");
        }
    }

    /// <summary>
    /// Listens until the process stops. A process that starts while Redis is away keeps trying; once subscribed, the
    /// Redis client subscribes again by itself after a lost connection.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var heard = await redis.GetSubscriber().SubscribeAsync(_channel);
                heard.OnMessage(message => ForgetAsync(message.Message));
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogWarning("Not yet hearing other processes' cache removals (Redis unreachable); trying again in {Seconds} s", RetrySubscribing.TotalSeconds);
                await Task.Delay(RetrySubscribing, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task ForgetAsync(RedisValue message)
    {
        var parts = ((string?)message ?? "").Split('\n');
        if (parts.Length < 2 || parts[0] == _processId)
        {
            return;
        }

        try
        {
            await local.RemoveAsync(parts[1..]);
        }
        catch (Exception ex)
        {
            // A handler of Redis's must not throw; a copy not dropped here still expires on its own.
            logger.LogWarning(ex, "Could not drop cached copies another process removed");
        }
    }
}

/// <summary>HybridCache whose removals reach every process (<see cref="CacheEvictions"/>); reads and writes as HybridCache's own.</summary>
internal sealed class SharedHybridCache(HybridCache local, CacheEvictions evictions) : HybridCache
{
    public override ValueTask<T> GetOrCreateAsync<TState, T>(
        string key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory, HybridCacheEntryOptions? options = null, IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default) =>
        local.GetOrCreateAsync(key, state, factory, options, tags, cancellationToken);

    // Not announced: the others' removal would take the new value out of Redis too. Roost writes entries only by
    // reading through them (GetOrCreateAsync), after a removal.
    public override ValueTask SetAsync<T>(string key, T value, HybridCacheEntryOptions? options = null, IEnumerable<string>? tags = null, CancellationToken cancellationToken = default) =>
        local.SetAsync(key, value, options, tags, cancellationToken);

    public override async ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        await local.RemoveAsync(key, cancellationToken);
        evictions.Announce([key]);
    }

    public override async ValueTask RemoveAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        var all = keys.ToList();
        if (all.Count == 0)
        {
            return;
        }

        await local.RemoveAsync(all, cancellationToken);
        evictions.Announce(all);
    }

    public override ValueTask RemoveByTagAsync(string tag, CancellationToken cancellationToken = default) => local.RemoveByTagAsync(tag, cancellationToken);
}
