using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Roost.Tests.Infrastructure;

/// <summary>What an app under test left in Redis, read from the server the app itself talks to.</summary>
public static class TestRedis
{
    /// <param name="database">The Redis database; by default the one the app's connection string names.</param>
    public static async Task<List<string>> KeysAsync(RoostApp app, string pattern, int? database = null)
    {
        var redis = app.Services.GetRequiredService<IConnectionMultiplexer>();
        var keys = new List<string>();
        await foreach (var key in redis.GetServer(redis.GetEndPoints()[0]).KeysAsync(database ?? redis.GetDatabase().Database, pattern))
        {
            keys.Add(key!);
        }

        return keys;
    }
}
