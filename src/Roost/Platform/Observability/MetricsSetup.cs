using System.Net;
using System.Security.Cryptography;
using System.Text;
using OpenTelemetry.Metrics;
using Roost.Platform.Jobs;

namespace Roost.Platform.Observability;

/// <summary>
/// Prometheus metrics at <c>/metrics</c>: requests (count, duration by route and status) and the runtime (GC, thread
/// pool, memory), from the meters .NET already keeps. Kestrel's and Npgsql's meters are left off: recording every
/// connection and every database command cost ~7 % of booking throughput in paired bench runs. A scraper presents <c>Metrics:ScrapeToken</c> as a bearer token; without one configured, only this machine may
/// scrape. Anyone else gets the 404 of a route that does not exist. Processes that run the jobs also report the
/// backlogs the jobs drain (<see cref="BacklogMonitor"/>).
/// </summary>
public static class MetricsSetup
{
    public const string Path = "/metrics";

    public static IHostApplicationBuilder AddRoostMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Microsoft.AspNetCore.Hosting", "System.Runtime", BacklogMonitor.MeterName)
            .AddPrometheusExporter());
        builder.Services.AddSingleton<BacklogMonitor>();
        if (builder.Configuration.Role() is ProcessRole.All or ProcessRole.Worker)
        {
            builder.Services.AddHostedService<BacklogRefresher>();
        }

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
