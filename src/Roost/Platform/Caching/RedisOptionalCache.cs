using Microsoft.Extensions.Caching.Distributed;
using StackExchange.Redis;

namespace Roost.Platform.Caching;

/// <summary>
/// The second cache level is an optimisation: when Redis is unreachable a read is a miss and a write is skipped,
/// so the API answers from PostgreSQL (slower) instead of failing. One warning per outage, not one per request.
/// </summary>
internal sealed class RedisOptionalCache(IDistributedCache inner, ILogger<RedisOptionalCache> logger) : IDistributedCache
{
    private int _failing;

    public byte[]? Get(string key) => Guard(() => inner.Get(key), null);

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        await GuardAsync(async () => await inner.GetAsync(key, token), null);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        Guard(() => { inner.Set(key, value, options); return true; }, false);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        GuardAsync(async () => { await inner.SetAsync(key, value, options, token); return true; }, false);

    public void Refresh(string key) => Guard(() => { inner.Refresh(key); return true; }, false);

    public Task RefreshAsync(string key, CancellationToken token = default) =>
        GuardAsync(async () => { await inner.RefreshAsync(key, token); return true; }, false);

    public void Remove(string key) => Guard(() => { inner.Remove(key); return true; }, false);

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        GuardAsync(async () => { await inner.RemoveAsync(key, token); return true; }, false);

    private T Guard<T>(Func<T> action, T fallback)
    {
        try
        {
            var result = action();
            Recovered();
            return result;
        }
        catch (Exception ex) when (IsRedisOutage(ex))
        {
            Failed(ex);
            return fallback;
        }
    }

    private async Task<T> GuardAsync<T>(Func<Task<T>> action, T fallback)
    {
        try
        {
            var result = await action();
            Recovered();
            return result;
        }
        catch (Exception ex) when (IsRedisOutage(ex))
        {
            Failed(ex);
            return fallback;
        }
    }

    internal static bool IsRedisOutage(Exception ex) =>
        ex is RedisException or TimeoutException or ObjectDisposedException or System.Net.Sockets.SocketException;

    private void Failed(Exception ex)
    {
        if (Interlocked.Exchange(ref _failing, 1) == 0)
        {
            logger.LogWarning(ex, "Redis is unreachable; serving without the shared cache until it returns");
        }
    }

    private void Recovered()
    {
        if (Interlocked.Exchange(ref _failing, 0) == 1)
        {
            logger.LogInformation("Redis is reachable again; shared cache resumed");
        }
    }
}
