using Hangfire;
using Roost.Features.Accounts;
using Roost.Features.Listings;
using Roost.Features.Payments;
using Roost.Platform.GraphQL;
using Roost.Platform.Observability;

namespace Roost.Features.Bookings;

public static class BookingsSetup
{
    public static IHostApplicationBuilder AddBookings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BookingOptions>().Bind(builder.Configuration.GetSection(BookingOptions.Section));
        builder.Services.AddScoped<Quotes>();
        builder.Services.AddSingleton<IGraphExtension<ListingGraphType>, ListingQuoteField>();
        builder.Services.AddScoped<BookingRequests>();
        builder.Services.AddScoped<BookingActions>();
        builder.Services.AddScoped<BookingRefunds>();
        builder.Services.AddScoped<BookingBalances>();
        builder.Services.AddScoped<BookingChanges>();
        builder.Services.AddScoped<BookingChangeExpiry>();
        builder.Services.AddScoped<SpecialOffers>();
        builder.Services.AddScoped<IBacklog, RequestExpiryBacklog>();
        builder.Services.AddScoped<IBacklog, BalanceChargeBacklog>();
        builder.Services.AddScoped<BookingLedger>();
        builder.Services.AddScoped<IPaymentSettlement, PaymentSettlement>();
        builder.Services.AddScoped<BookingQueries>();
        builder.Services.AddScoped<Arrivals>();
        builder.Services.AddScoped<Receipts>();
        builder.Services.AddScoped<HostStatement>();
        builder.Services.AddScoped<ListingPerformance>();
        builder.Services.AddScoped<HostToday>();
        builder.Services.AddScoped<ShownQuotes>();
        builder.Services.AddScoped<TripGuests>();
        builder.Services.AddScoped<TripCalendars>();
        builder.Services.AddScoped<IAccountErasure, TripCalendars.Erasure>();
        builder.Services.AddScoped<IAccountErasure, TripGuests.Erasure>();
        builder.Services.AddScoped<IListingCommitments>(services => services.GetRequiredService<BookingQueries>());
        builder.Services.AddScoped<IAccountCommitments, AccountCommitments>();
        builder.Services.AddScoped<BookingJobs>();
        builder.Services.AddScoped<BookingReminders>();
        return builder;
    }

    public static void ScheduleBookingJobs(this IRecurringJobManager jobs)
    {
        // One sweep a minute rather than a delayed job per request: a request expires at most a minute late (a host
        // answering in that minute is still refused, as the deadline is checked on accept), and booking creation
        // does not pay for writing a job.
        jobs.AddOrUpdate<BookingJobs>("bookings:expire-requests", j => j.ExpireDueAsync(), Cron.Minutely());
        jobs.AddOrUpdate<BookingChangeExpiry>("bookings:expire-changes", c => c.ExpireDueAsync(), Cron.Minutely());
        jobs.AddOrUpdate<BookingJobs>("bookings:complete-stays", j => j.CompleteDueAsync(), Cron.Hourly());
        jobs.AddOrUpdate<BookingBalances>("bookings:charge-balances", b => b.ChargeDueAsync(), Cron.Hourly());
        jobs.AddOrUpdate<BookingReminders>("bookings:reminders", r => r.SendDueAsync(), "*/15 * * * *");
    }
}
