using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using Hangfire;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Roost.Platform.Observability;

namespace Roost.Features.Payments;

public static class PaymentsSetup
{
    public static IHostApplicationBuilder AddPayments(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(PaymentOptions.Section);
        builder.Services.AddOptions<PaymentOptions>().Bind(section)
            .Validate(o => !o.IsStripe || (!string.IsNullOrEmpty(o.Stripe.SecretKey) && !string.IsNullOrEmpty(o.WebhookSecret)),
                "Payments:Gateway=stripe needs Payments:Stripe:SecretKey and Payments:WebhookSecret.")
            .ValidateOnStart();
        var stripe = section.Get<PaymentOptions>()?.IsStripe == true;
        if (stripe)
        {
            builder.Services.AddSingleton<StripeGateway>();
            builder.Services.AddScoped<StripeCustomers>();
            builder.Services.AddSingleton<IPaymentGateway>(sp => new MeteredGateway(sp.GetRequiredService<StripeGateway>(), sp.GetRequiredService<IMeterFactory>()));
        }
        else
        {
            builder.Services.AddSingleton<SandboxGateway>();
            builder.Services.AddSingleton<IPaymentGateway>(sp => new MeteredGateway(sp.GetRequiredService<SandboxGateway>(), sp.GetRequiredService<IMeterFactory>()));
        }

        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(MeteredGateway.MeterName));

        // The sandbox signs its own events, so without a configured secret one made up for this process will do.
        var sandboxSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PaymentOptions>>().Value;
            return new WebhookSignature(string.IsNullOrEmpty(options.WebhookSecret) ? sandboxSecret : options.WebhookSecret, options.WebhookTolerance);
        });
        builder.Services.AddScoped<PaymentWebhooks>();
        builder.Services.AddScoped<DeclinedPayments>();
        builder.Services.AddScoped<PaymentDisputes>();
        builder.Services.AddScoped<Payouts>();
        builder.Services.AddScoped<HostEarnings>();
        builder.Services.AddScoped<PayoutHolds>();
        builder.Services.AddScoped<PayoutAccounts>();
        builder.Services.AddScoped<Accounts.IAccountErasure, GatewayCustomer.Erasure>();
        builder.Services.AddScoped<Reconciliation>();
        builder.Services.AddScoped<SandboxWebhooks>();
        builder.Services.AddScoped<PaymentHousekeeping>();
        builder.Services.AddScoped<IBacklog, PayoutBacklog>();
        builder.Services.AddScoped<IBacklog, GatewayEventBacklog>();
        builder.Services.AddScoped<IBacklog, DisputeBacklog>();
        return builder;
    }

    public static void SchedulePaymentJobs(this IRecurringJobManager jobs, IConfiguration configuration)
    {
        jobs.AddOrUpdate<Payouts>("payments:send-payouts", j => j.SendDueAsync(), "*/10 * * * *");
        jobs.AddOrUpdate<Reconciliation>("payments:reconcile", j => j.RunAsync(CancellationToken.None), Cron.Daily(3));
        jobs.AddOrUpdate<PaymentHousekeeping>("payments:purge-old-events", h => h.PurgeAsync(), Cron.Daily(4));
        if (configuration.GetSection(PaymentOptions.Section).Get<PaymentOptions>()?.IsStripe == true)
        {
            jobs.RemoveIfExists("payments:sandbox-webhooks");
            jobs.AddOrUpdate<StripeCustomers>("payments:forget-closed-customers", j => j.ForgetClosedAsync(), Cron.Hourly());
        }
        else
        {
            jobs.AddOrUpdate<SandboxWebhooks>("payments:sandbox-webhooks", j => j.DeliverAsync(), Cron.Minutely());
            jobs.RemoveIfExists("payments:forget-closed-customers");
        }
    }
}
