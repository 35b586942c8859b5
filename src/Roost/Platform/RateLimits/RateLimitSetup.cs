using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Roost.Platform.Auth;

namespace Roost.Platform.RateLimits;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests per window for an anonymous caller, counted per IP address.</summary>
    public int AnonymousPerMinute { get; set; } = 300;

    /// <summary>Requests per window for a signed-in caller, counted per user whatever their IP.</summary>
    public int UserPerMinute { get; set; } = 1200;

    /// <summary>Login, registration and token refresh, per IP: the routes password guessing goes through.</summary>
    public int CredentialsPerMinute { get; set; } = 20;
}

public static class RateLimitSetup
{
    /// <summary>The stricter policy for routes that take credentials.</summary>
    public const string Credentials = "credentials";

    public static IHostApplicationBuilder AddRoostRateLimits(this IHostApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();

        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.User.Identity?.IsAuthenticated == true
                    ? Window($"user:{context.User.FindFirstValue(RoostClaims.UserId)}", limits.UserPerMinute)
                    : Window($"ip:{ClientAddress(context)}", limits.AnonymousPerMinute));

            options.AddPolicy(Credentials, context => Window($"credentials:{ClientAddress(context)}", limits.CredentialsPerMinute));

            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var http = rejected.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests.",
                        Detail = $"Try again in {(int)Math.Ceiling(retryAfter.TotalSeconds)} seconds.",
                    },
                });
            };
        });
        return builder;
    }

    private static RateLimitPartition<string> Window(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    // Behind a proxy, configure ForwardedHeaders so this is the client's address, not the proxy's.
    private static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
