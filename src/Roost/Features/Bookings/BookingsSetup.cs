using Hangfire;

namespace Roost.Features.Bookings;

public static class BookingsSetup
{
    public static IHostApplicationBuilder AddBookings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BookingOptions>().Bind(builder.Configuration.GetSection(BookingOptions.Section));
        builder.Services.AddScoped<Quotes>();
        builder.Services.AddScoped<BookingRequests>();
        builder.Services.AddScoped<BookingActions>();
        builder.Services.AddScoped<BookingQueries>();
        builder.Services.AddScoped<BookingJobs>();
        return builder;
    }

    public static void ScheduleBookingJobs(this IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<BookingJobs>("bookings:expire-requests", j => j.ExpireDueAsync(), "*/5 * * * *");
        jobs.AddOrUpdate<BookingJobs>("bookings:complete-stays", j => j.CompleteDueAsync(), Cron.Hourly());
    }
}
