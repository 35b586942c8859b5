using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace Roost.Platform.Caching;

public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>
    /// What every key this deployment writes starts with: cache entries, rate-limit counters, session revocations.
    /// Deployments (or test apps) sharing one Redis server stay apart by giving each its own prefix.
    /// </summary>
    public string KeyPrefix { get; set; } = "roost:";
}

/// <summary>This deployment's part of Redis: keys given here are stored under <see cref="RedisOptions.KeyPrefix"/>.</summary>
public sealed class RedisKeyspace(IConnectionMultiplexer connection, IOptions<RedisOptions> options)
{
    public string Prefix { get; } = options.Value.KeyPrefix;

    public IDatabase Database { get; } = connection.GetDatabase().WithKeyPrefix(options.Value.KeyPrefix);
}

public static class RedisSetup
{
    /// <summary>The connection to the cache's own Redis server, when <c>ConnectionStrings:RedisCache</c> names one.</summary>
    public const string CacheServer = "redis-cache";

    public static IHostApplicationBuilder AddRoostRedis(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Redis")
            ?? throw new InvalidOperationException("ConnectionStrings:Redis is not set. `./roost run` sets it; see README.");

        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => Connect(connectionString));
        // Cached copies can live on a server of their own, one that evicts and does not persist, so that a burst of
        // cache writes neither fills the server that holds sessions and counters nor queues behind its disk. The
        // listings' generation, which cache keys are built on, stays on the main server: evicted, it would start
        // again from numbers that stale entries still carry.
        var cacheConnectionString = builder.Configuration.GetConnectionString("RedisCache");
        if (!string.IsNullOrEmpty(cacheConnectionString))
        {
            builder.Services.AddKeyedSingleton<IConnectionMultiplexer>(CacheServer, (_, _) => Connect(cacheConnectionString));
        }

        builder.Services.AddOptions<RedisOptions>().Bind(builder.Configuration.GetSection(RedisOptions.Section));
        builder.Services.AddSingleton<RedisKeyspace>();
        builder.Services.AddSingleton<IOptions<RedisCacheOptions>>(sp => Options.Create(new RedisCacheOptions
        {
            InstanceName = sp.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix + "cache:",
            ConnectionMultiplexerFactory = () => Task.FromResult(
                sp.GetKeyedService<IConnectionMultiplexer>(CacheServer) ?? sp.GetRequiredService<IConnectionMultiplexer>()),
        }));
        builder.Services.AddSingleton<IDistributedCache>(sp => new RedisOptionalCache(
            new RedisCache(sp.GetRequiredService<IOptions<RedisCacheOptions>>()),
            sp.GetRequiredService<ILogger<RedisOptionalCache>>()));
        builder.Services.AddHybridCache(hybrid =>
        {
            hybrid.DefaultEntryOptions = new HybridCacheEntryOptions
            {
                Expiration = TimeSpan.FromMinutes(5),
                LocalCacheExpiration = LocalExpiration,
            };
        });
        ShareRemovals(builder.Services);
        return builder;
    }

    /// <summary>How long a process keeps its in-memory copy of an entry; a removal another process announces ends it sooner.</summary>
    public static readonly TimeSpan LocalExpiration = TimeSpan.FromSeconds(30);

    /// <summary>The framework's HybridCache becomes the local one, and every feature is given the one whose removals reach all processes.</summary>
    private static void ShareRemovals(IServiceCollection services)
    {
        var framework = services.Last(d => d.ServiceType == typeof(HybridCache) && !d.IsKeyedService);
        services.Remove(framework);
        services.AddKeyedSingleton(CacheEvictions.LocalCache, (sp, _) => framework.ImplementationFactory?.Invoke(sp) as HybridCache
            ?? (HybridCache)ActivatorUtilities.CreateInstance(sp, framework.ImplementationType!));
        services.AddSingleton<CacheEvictions>();
        services.AddHostedService(sp => sp.GetRequiredService<CacheEvictions>());
        services.AddSingleton<HybridCache>(sp => new SharedHybridCache(sp.GetRequiredKeyedService<HybridCache>(CacheEvictions.LocalCache), sp.GetRequiredService<CacheEvictions>()));
    }

    private static ConnectionMultiplexer Connect(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        // Start and keep answering while Redis is away: no exception at connect, and commands fail at once
        // instead of queueing behind a dead connection (which would make every request wait for the timeout).
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = 2000;
        options.SyncTimeout = 1000;
        options.AsyncTimeout = 1000;
        options.ClientName ??= "roost";
        return ConnectionMultiplexer.Connect(options);
    }
}
