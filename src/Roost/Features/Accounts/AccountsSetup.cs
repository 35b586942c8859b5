using Hangfire;
using Microsoft.AspNetCore.Identity;
using Roost.Platform.Auth;

namespace Roost.Features.Accounts;

public static class AccountsSetup
{
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddScoped<SessionStarter>();
        builder.Services.AddScoped<SessionRevocation>();
        builder.Services.AddScoped<ISessionCheck>(sp => sp.GetRequiredService<SessionRevocation>());
        builder.Services.AddScoped<Registration>();
        builder.Services.AddScoped<SignIn>();
        builder.Services.AddSingleton<PasswordResetTokens>();
        builder.Services.AddScoped<Passwords>();
        builder.Services.AddScoped<Profiles>();
        builder.Services.AddScoped<UserSessions>();
        builder.Services.AddScoped<AccountHousekeeping>();
        builder.Services.AddScoped<AccountAdministration>();
        return builder;
    }

    public static RouteGroupBuilder MapAccounts(this RouteGroupBuilder api) =>
        api.MapAuth().MapMe().MapUsers();

    /// <summary>
    /// The page a reset e-mail links to by default (<c>Email:PasswordResetLink</c>), so the flow works without a web
    /// client; a deployment that has one points the link there instead.
    /// </summary>
    public static void MapPasswordResetPage(this IEndpointRouteBuilder app) =>
        app.MapGet("/reset-password", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.ContentSecurityPolicy =
                "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'";
            return TypedResults.Bytes(ResetPage.Value, "text/html; charset=utf-8");
        }).ExcludeFromDescription();

    private static readonly Lazy<byte[]> ResetPage = new(() =>
    {
        using var stream = typeof(AccountsSetup).Assembly.GetManifestResourceStream("Roost.Accounts.reset-password.html")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static void ScheduleAccountJobs(this IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<AccountHousekeeping>("accounts:purge-ended-sessions", h => h.PurgeAsync(), Cron.Daily(3));
}
