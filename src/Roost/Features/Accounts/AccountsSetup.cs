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
        builder.Services.AddScoped<Profiles>();
        builder.Services.AddScoped<UserSessions>();
        builder.Services.AddScoped<AccountHousekeeping>();
        builder.Services.AddScoped<AccountAdministration>();
        return builder;
    }

    public static RouteGroupBuilder MapAccounts(this RouteGroupBuilder api) =>
        api.MapAuth().MapMe().MapUsers();

    public static void ScheduleAccountJobs(this IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<AccountHousekeeping>("accounts:purge-ended-sessions", h => h.PurgeAsync(), Cron.Daily(3));
}
