using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Roost.Platform.Auth;

public static class AuthSetup
{
    /// <summary>Browsers cannot send a bearer header to the jobs dashboard, so it alone may carry the token in a cookie.</summary>
    public const string DashboardCookie = "roost_dashboard";

    public static IHostApplicationBuilder AddRoostAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<JwtOptions>()
            .Bind(builder.Configuration.GetSection(JwtOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => { o.SigningKeyBytes(); return true; })
            .ValidateOnStart();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>>((bearer, jwt) => Configure(bearer, jwt.Value));

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Host, p => p.RequireRole(Roles.Host, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));
        return builder;
    }

    private static void Configure(JwtBearerOptions bearer, JwtOptions jwt)
    {
        bearer.MapInboundClaims = false;
        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidAudience = jwt.Audience,
            IssuerSigningKey = new SymmetricSecurityKey(jwt.SigningKeyBytes()),
            // Only the algorithm we sign with: refuses "none" and algorithm-confusion tokens.
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = RoostClaims.UserId,
            RoleClaimType = RoostClaims.Role,
        };
        bearer.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                var request = context.HttpContext.Request;
                if (request.Path.StartsWithSegments("/jobs") && string.IsNullOrEmpty(request.Headers.Authorization))
                {
                    // The first visit brings the token in the query (as printed by `./roost run`); it then rides an
                    // HttpOnly cookie scoped to the dashboard, which only ever accepts it for /jobs.
                    if (request.Query.TryGetValue("access_token", out var fromQuery))
                    {
                        context.Token = fromQuery.ToString();
                        context.Response.Cookies.Append(DashboardCookie, context.Token, new CookieOptions
                        {
                            HttpOnly = true,
                            SameSite = SameSiteMode.Strict,
                            Secure = request.IsHttps,
                            Path = "/jobs",
                        });
                    }
                    else
                    {
                        context.Token = request.Cookies[DashboardCookie];
                    }
                }

                return Task.CompletedTask;
            },
            OnTokenValidated = async context =>
            {
                var sessionId = context.Principal?.SessionId() ?? Guid.Empty;
                var sessions = context.HttpContext.RequestServices.GetRequiredService<ISessionCheck>();
                if (sessionId == Guid.Empty || !await sessions.IsActiveAsync(sessionId, context.HttpContext.RequestAborted))
                {
                    context.Fail("The session of this token has ended.");
                }
            },
        };
    }
}
