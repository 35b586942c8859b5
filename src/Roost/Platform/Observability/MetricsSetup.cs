using System.Net;
using System.Security.Cryptography;
using System.Text;
using OpenTelemetry.Metrics;

namespace Roost.Platform.Observability;

/// <summary>
/// Prometheus metrics at <c>/metrics</c>: requests (count, duration by route and status), Kestrel connections, the
/// runtime (GC, thread pool, memory) and Npgsql's pool and commands, all from the meters .NET and Npgsql already keep.
/// A scraper presents <c>Metrics:ScrapeToken</c> as a bearer token; without one configured, only this machine may
/// scrape. Anyone else gets the 404 of a route that does not exist.
/// </summary>
public static class MetricsSetup
{
    public const string Path = "/metrics";

    public static IHostApplicationBuilder AddRoostMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime", "Npgsql")
            .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapRoostMetrics(this WebApplication app)
    {
        var token = app.Configuration["Metrics:ScrapeToken"];
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            if (MayScrape(context, token))
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }), optionsName: null);
        return app;
    }

    private static bool MayScrape(HttpContext context, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);
        }

        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..]), Encoding.UTF8.GetBytes(token));
    }
}
