using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Roost.Platform.Caching;
using StackExchange.Redis;

namespace Roost.Platform.Health;

public static class HealthSetup
{
    private const string Ready = "ready";

    public static IHostApplicationBuilder AddRoostHealth(this IHostApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddNpgSql(builder.Configuration.GetConnectionString("Postgres")!, name: "postgres", tags: [Ready], timeout: TimeSpan.FromSeconds(3))
            .AddRedis(services => services.GetRequiredService<IConnectionMultiplexer>(), name: "redis", tags: [Ready], timeout: TimeSpan.FromSeconds(2));
        if (!string.IsNullOrEmpty(builder.Configuration.GetConnectionString("RedisCache")))
        {
            // Without its cache the API answers every read from PostgreSQL: slower, still ready.
            checks.AddRedis(services => services.GetRequiredKeyedService<IConnectionMultiplexer>(RedisSetup.CacheServer), name: "redis-cache",
                failureStatus: HealthStatus.Degraded, tags: [Ready], timeout: TimeSpan.FromSeconds(2));
        }

        return builder;
    }

    public static void MapRoostHealth(this WebApplication app)
    {
        var health = app.MapGroup("/health").WithTags("Health").AllowAnonymous().DisableRateLimiting();
        health.MapHealthChecks("/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        health.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync });
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description ?? e.Value.Exception?.GetType().Name,
                durationMs = (int)e.Value.Duration.TotalMilliseconds,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
