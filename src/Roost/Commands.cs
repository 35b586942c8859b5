using Hangfire;
using Roost.Features.Accounts;
using Roost.Features.Bookings;
using Roost.Features.Calendar;
using Roost.Features.Claims;
using Roost.Features.Messaging;
using Roost.Features.Notifications;
using Roost.Features.Payments;
using Roost.Features.Reports;
using Roost.Features.Reviews;
using Roost.Features.Search;
using Roost.Platform.Data;
using Roost.Platform.Http;
using Roost.Platform.Money;

namespace Roost;

/// <summary>The one-shot commands the `roost` script runs with the same configuration as the server.</summary>
internal static class Commands
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        var command = args.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('='));
        switch (command)
        {
            case "migrate":
                await app.Services.MigrateDatabaseAsync();
                Console.WriteLine("Database is up to date.");
                return true;
            case "seed":
                await app.Services.MigrateDatabaseAsync();
                await DemoData.SeedAsync(app.Services, CancellationToken.None);
                Console.WriteLine("Demo data is in place.");
                return true;
            case "admin":
                var email = args.SkipWhile(a => a != "admin").Skip(1).FirstOrDefault();
                if (email is null)
                {
                    Console.Error.WriteLine("usage: roost admin <email>");
                    Environment.ExitCode = 2;
                    return true;
                }

                await app.Services.MigrateDatabaseAsync();
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var granted = await scope.ServiceProvider.GetRequiredService<AccountAdministration>().GrantAdminAsync(email, CancellationToken.None);
                    Console.WriteLine(granted ? $"{email} is now an admin." : $"No account has the e-mail {email}; register it first.");
                    Environment.ExitCode = granted ? 0 : 1;
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>Server start-up: schema first, then the optional demo data and the recurring job schedule.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        await app.Services.MigrateDatabaseAsync();
        if (app.Configuration.GetValue<bool>("Roost:SeedDemoData"))
        {
            await DemoData.SeedAsync(app.Services, CancellationToken.None);
        }

        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        recurring.ScheduleAccountJobs();
        recurring.ScheduleCalendarJobs();
        recurring.ScheduleBookingJobs();
        recurring.SchedulePaymentJobs(app.Configuration);
        recurring.ScheduleReviewJobs();
        recurring.ScheduleClaimJobs();
        recurring.ScheduleMessagingJobs();
        recurring.ScheduleNotificationJobs();
        recurring.ScheduleReportJobs();
        recurring.ScheduleSearchJobs();
        recurring.AddOrUpdate<IdempotencyHousekeeping>("http:purge-idempotency-keys", h => h.PurgeAsync(), Cron.Hourly());
        // The ECB publishes around 16:00 CET on working days; 16:30 UTC is after that all year.
        recurring.AddOrUpdate<ExchangeRateFeed>("money:exchange-rates", f => f.RefreshAsync(), "30 16 * * *");
    }
}
