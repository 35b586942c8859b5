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
        builder.Services.AddScoped<TwoFactorAuth>();
        builder.Services.AddScoped<TwoFactorCodes>();
        builder.Services.AddOptions<AccountLinkOptions>().Bind(builder.Configuration.GetSection(AccountLinkOptions.Section));
        builder.Services.AddSingleton<AccountLinks>();
        builder.Services.AddScoped<Passwords>();
        builder.Services.AddScoped<EmailChanges>();
        builder.Services.AddScoped<AccountModeration>();
        builder.Services.AddScoped<AccountClosure>();
        builder.Services.AddScoped<ProfilePhotos>();
        builder.Services.AddScoped<Profiles>();
        builder.Services.AddScoped<UserSessions>();
        builder.Services.AddScoped<AccountHousekeeping>();
        builder.Services.AddScoped<TwoFactorResealing>();
        builder.Services.AddScoped<AccountAdministration>();
        builder.Services.AddScoped<AccountDirectory>();
        return builder;
    }

    public static RouteGroupBuilder MapAccounts(this RouteGroupBuilder api) =>
        api.MapAuth().MapMe().MapUsers();

    /// <summary>
    /// The pages the account e-mails link to by default (<c>Accounts:PasswordResetLink</c>, <c>Accounts:EmailChangeLink</c>),
    /// so both flows work without a web client; a deployment that has one points the links there instead.
    /// </summary>
    public static void MapAccountLinkPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reset-password", LinkPage).ExcludeFromDescription();
        app.MapGet("/confirm-email", LinkPage).ExcludeFromDescription();
    }

    private static IResult LinkPage(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentSecurityPolicy =
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'";
        return TypedResults.Bytes(Page.Value, "text/html; charset=utf-8");
    }

    private static readonly Lazy<byte[]> Page = new(() =>
    {
        using var stream = typeof(AccountsSetup).Assembly.GetManifestResourceStream("Roost.Accounts.account-link.html")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static void ScheduleAccountJobs(this IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<AccountHousekeeping>("accounts:purge-ended-sessions", h => h.PurgeAsync(), Cron.Daily(3));
        jobs.AddOrUpdate<TwoFactorResealing>("accounts:reseal-two-factor-secrets", r => r.ResealAsync(), Cron.Daily(4));
    }
}
