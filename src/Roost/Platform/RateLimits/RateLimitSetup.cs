using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Roost.Platform.Auth;
using Roost.Platform.Caching;

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

    /// <summary>Messages a user may send, per user: conversation spam stops here.</summary>
    public int MessagesPerMinute { get; set; } = 30;
}

public static class RateLimitSetup
{
    /// <summary>The stricter policy for routes that take credentials.</summary>
    public const string Credentials = "credentials";

    /// <summary>Sending messages, per user.</summary>
    public const string Messages = "messages";

    /// <summary>Where the counters live in this deployment's Redis keyspace.</summary>
    internal const string KeyPrefix = "ratelimit:";

    public static IHostApplicationBuilder AddRoostRateLimits(this IHostApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddOptions<RateLimitOptions>().Bind(builder.Configuration.GetSection(RateLimitOptions.Section));

        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.User.Identity?.IsAuthenticated == true
                    ? Window(context, $"user:{context.User.FindFirstValue(RoostClaims.UserId)}", limits.UserPerMinute)
                    : Window(context, $"ip:{ClientAddress(context)}", limits.AnonymousPerMinute));

            options.AddPolicy(Credentials, context => Window(context, PolicyKey(Credentials, context), limits.CredentialsPerMinute));
            options.AddPolicy(Messages, context => Window(context, PolicyKey(Messages, context), limits.MessagesPerMinute));

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
        builder.Services.AddScoped<RateBudgets>();
        return builder;
    }

    /// <summary>Whose budget a request spends under a named policy; GraphQL spends the same ones.</summary>
    internal static string PolicyKey(string policy, HttpContext context) => policy switch
    {
        Credentials => $"credentials:{ClientAddress(context)}",
        Messages => $"messages:{context.User.FindFirstValue(RoostClaims.UserId) ?? ClientAddress(context)}",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "No such rate-limit policy."),
    };

    private static RateLimitPartition<string> Window(HttpContext context, string key, int permits) =>
        RateLimitPartition.Get(key, partition => new RedisWindowLimiter(
            context.RequestServices.GetRequiredService<RedisKeyspace>(),
            KeyPrefix + partition,
            permits,
            TimeSpan.FromMinutes(1)));

    // Behind a proxy, configure ForwardedHeaders so this is the client's address, not the proxy's.
    private static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
