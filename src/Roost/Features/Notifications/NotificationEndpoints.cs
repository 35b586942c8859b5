using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Roost.Platform.Auth;
using Roost.Platform.Http;

namespace Roost.Features.Notifications;

public static class NotificationEndpoints
{
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>().Bind(builder.Configuration.GetSection(EmailOptions.Section));
        builder.Services.AddScoped<Inbox>();
        builder.Services.AddScoped<Mailer>();
        return builder;
    }

    public static void ScheduleNotificationJobs(this IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<Mailer>("notifications:send-email", m => m.SendPendingAsync(), Cron.Minutely());

    public static RouteGroupBuilder MapNotifications(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications").RequireAuthorization();
        notifications.MapGet("", List).WithSummary("Your notifications, newest first, with the unread count");
        notifications.MapPost("/{id:guid}/read", MarkRead).WithSummary("Mark a notification read");
        return api;
    }

    private static async Task<Results<Ok<NotificationPage>, ProblemHttpResult>> List(Inbox inbox, HttpContext http, int limit = 20, string? cursor = null) =>
        PageRequest.Check<NotificationsCursor>(limit, cursor, out var after) is { } bad
            ? bad.ToProblem(http)
            : TypedResults.Ok(await inbox.ListAsync(http.User.UserId(), limit, after, http.RequestAborted));

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(Guid id, Inbox inbox, HttpContext http) =>
        await inbox.MarkReadAsync(http.User.UserId(), id, http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();
}
