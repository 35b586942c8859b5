using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Roost.Platform.Observability;

public static class LoggingSetup
{
    /// <summary>Serilog everywhere: readable text while developing, one JSON object per line elsewhere (with @tr/@sp trace ids).</summary>
    public static IHostApplicationBuilder AddRoostLogging(this IHostApplicationBuilder builder)
    {
        var json = !builder.Environment.IsDevelopment() || builder.Configuration.GetValue<bool>("Logging:Json");
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Application", "roost");
            if (json)
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(outputTemplate:
                    "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}");
            }
        });
        return builder;
    }

    public static WebApplication UseRoostRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                if (http.User.Identity?.IsAuthenticated == true)
                {
                    diagnostics.Set("UserId", http.User.FindFirst("sub")?.Value);
                }
            };

            // A request the client abandoned is not a server error: the exception handler answers it 499, and Serilog
            // would otherwise log its exception as a 500.
            options.GetLevel = (http, _, exception) =>
                exception is OperationCanceledException && http.RequestAborted.IsCancellationRequested ? LogEventLevel.Information
                : exception is not null || http.Response.StatusCode > 499 ? LogEventLevel.Error
                : LogEventLevel.Information;
        });
        return app;
    }
}
