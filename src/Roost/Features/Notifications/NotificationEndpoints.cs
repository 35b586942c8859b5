using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Roost.Platform.Auth;
using Roost.Platform.Errors;
using Roost.Platform.Http;
using Roost.Platform.Observability;

namespace Roost.Features.Notifications;

public static class NotificationEndpoints
{
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>().Bind(builder.Configuration.GetSection(EmailOptions.Section));
        builder.Services.AddScoped<Inbox>();
        builder.Services.AddScoped<Mailer>();
        builder.Services.AddScoped<EmailPreferences>();
        builder.Services.AddScoped<IBacklog, EmailBacklog>();
        builder.Services.AddOptions<WebhookOptions>().Bind(builder.Configuration.GetSection(WebhookOptions.Section));
        builder.Services.AddScoped<Webhooks>();
        builder.Services.AddScoped<Accounts.IAccountErasure, Webhooks.Erasure>();
        builder.Services.AddHttpClient<WebhookDelivery>(client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Roost-Webhooks/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(services =>
            {
                var webhooks = services.GetRequiredService<IOptions<WebhookOptions>>().Value;
                return GuardedHttp.CreateHandler(webhooks.AllowLoopback, webhooks.AllowPrivateNetworks);
            });
        return builder;
    }

    public static void ScheduleNotificationJobs(this IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<Mailer>("notifications:send-email", m => m.SendPendingAsync(), Cron.Minutely());
        jobs.AddOrUpdate<WebhookDelivery>("notifications:webhooks", d => d.DeliverDueAsync(), Cron.Minutely());
        jobs.AddOrUpdate<Webhooks>("notifications:reseal-webhook-keys", w => w.ResealAsync(), Cron.Daily(4));
    }

    public static RouteGroupBuilder MapNotifications(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications").RequireAuthorization();
        notifications.MapGet("", List).WithSummary("Your notifications, newest first, with the unread count");
        notifications.MapPost("/{id:guid}/read", MarkRead).WithSummary("Mark a notification read");
        notifications.MapPost("/read-all", MarkAllRead).WithSummary("Mark every notification so far read; answers how many were unread");

        var preferences = api.MapGroup("/me/email-preferences").WithTags("Notifications").RequireAuthorization();
        preferences.MapGet("", GetPreferences).WithSummary("Which kinds of e-mail you get (messages, reminders, reviews); the rest always go");
        preferences.MapPatch("", ChangePreferences).WithSummary("Turn kinds of e-mail off (false) or on (true); the in-app notices still come");
        var webhook = api.MapGroup("/me/webhook").WithTags("Notifications").RequireAuthorization();
        webhook.MapPut("", SetWebhook).WithSummary("Receive every notification you get, signed, at this URL (a new URL gets a new secret)");
        webhook.MapGet("", GetWebhook).WithSummary("Your webhook: URL, secret, and how its deliveries are going");
        webhook.MapPost("/ping", PingWebhook).WithSummary("Send yourself a test notice (webhook_ping): it reaches the webhook with the next delivery");
        webhook.MapPost("/enable", EnableWebhook).WithSummary("Switch a disabled webhook on again; it resumes where it stopped");
        webhook.MapDelete("", RemoveWebhook).WithSummary("Stop receiving webhooks");
        api.MapPost("/email-preferences/unsubscribe", Unsubscribe).WithTags("Notifications").AllowAnonymous()
            .WithSummary("One-click unsubscribe (RFC 8058): the link in an e-mail's List-Unsubscribe header turns that kind of e-mail off");
        return api;
    }

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> SetWebhook(WebhookRequest request, Webhooks webhooks, HttpContext http) =>
        (await webhooks.SetAsync(http.User.UserId(), request, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> GetWebhook(Webhooks webhooks, HttpContext http) =>
        (await webhooks.GetAsync(http.User.UserId(), http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> PingWebhook(Webhooks webhooks, HttpContext http) =>
        (await webhooks.PingAsync(http.User.UserId(), http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> EnableWebhook(Webhooks webhooks, HttpContext http) =>
        (await webhooks.EnableAsync(http.User.UserId(), http.RequestAborted)).ToResult(http);

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveWebhook(Webhooks webhooks, HttpContext http) =>
        await webhooks.RemoveAsync(http.User.UserId(), http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();

    private static async Task<Ok<EmailPreferencesResponse>> GetPreferences(EmailPreferences preferences, HttpContext http) =>
        TypedResults.Ok(await preferences.GetAsync(http.User.UserId(), http.RequestAborted));

    private static async Task<Results<Ok<EmailPreferencesResponse>, ProblemHttpResult>> ChangePreferences(EmailPreferencesChange change, EmailPreferences preferences, HttpContext http)
    {
        var outcome = await preferences.ChangeAsync(http.User.UserId(), change, http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<UnsubscribeResponse>, ProblemHttpResult>> Unsubscribe(EmailPreferences preferences, HttpContext http, string? token = null)
    {
        var outcome = await preferences.UnsubscribeAsync(token, http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<NotificationPage>, ProblemHttpResult>> List(Inbox inbox, HttpContext http, int limit = 20, string? cursor = null) =>
        PageRequest.Check<NotificationsCursor>(limit, cursor, out var after) is { } bad
            ? bad.ToProblem(http)
            : TypedResults.Ok(await inbox.ListAsync(http.User.UserId(), limit, after, http.RequestAborted));

    private static async Task<Ok<MarkedRead>> MarkAllRead(Inbox inbox, HttpContext http) =>
        TypedResults.Ok(await inbox.MarkAllReadAsync(http.User.UserId(), http.RequestAborted));

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(Guid id, Inbox inbox, HttpContext http) =>
        await inbox.MarkReadAsync(http.User.UserId(), id, http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();
}
