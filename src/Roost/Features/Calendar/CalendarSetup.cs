using Hangfire;
using Microsoft.Extensions.Options;
using Roost.Features.Listings;
using Roost.Platform.GraphQL;

namespace Roost.Features.Calendar;

public static class CalendarSetup
{
    public static IHostApplicationBuilder AddCalendar(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CalendarImportOptions>().Bind(builder.Configuration.GetSection(CalendarImportOptions.Section));
        builder.Services.AddHttpClient<CalendarFeedClient>((services, client) =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Roost-Calendar-Sync/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(services => CalendarFeedClient.CreateHandler(services.GetRequiredService<IOptions<CalendarImportOptions>>().Value));
        builder.Services.AddTransient(services => services.GetRequiredService<IOptions<CalendarImportOptions>>().Value);
        builder.Services.AddScoped<ListingCalendar>();
        builder.Services.AddSingleton<IGraphExtension<ListingGraphType>, ListingCalendarField>();
        builder.Services.AddScoped<CalendarImports>();
        builder.Services.AddScoped<CalendarSync>();
        builder.Services.AddScoped<CalendarExport>();
        return builder;
    }

    public static void ScheduleCalendarJobs(this IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<CalendarSync>("calendar:sync-imports", sync => sync.EnqueueAllAsync(), "*/30 * * * *");
}
