using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Roost.Features.Bookings;
using Roost.Features.Listings;
using Roost.Platform.Auth;
using Roost.Platform.Errors;
using Roost.Platform.GraphQL;
using Roost.Platform.Http;
using Roost.Platform.RateLimits;

namespace Roost.Features.Messaging;

public static class ConversationEndpoints
{
    public static IHostApplicationBuilder AddMessaging(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<Conversations>();
        builder.Services.AddScoped<IBookingMessages>(services => services.GetRequiredService<Conversations>());
        builder.Services.AddScoped<HostResponsiveness>();
        builder.Services.AddScoped<ScheduledMessages>();
        builder.Services.AddSingleton<IGraphExtension<ListingGraphType>, ListingScheduledMessagesField>();
        return builder;
    }

    public static void ScheduleMessagingJobs(this IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<HostResponsiveness>("messaging:host-responsiveness", r => r.RefreshAsync(), "15 3 * * *");
        jobs.AddOrUpdate<ScheduledMessages>("messaging:scheduled-messages", m => m.SendDueAsync(), "*/5 * * * *");
    }

    public static RouteGroupBuilder MapMessaging(this RouteGroupBuilder api)
    {
        var conversations = api.MapGroup("/conversations").WithTags("Messaging").RequireAuthorization();
        conversations.MapGet("", List).WithSummary("Your conversations, most recent first, with unread counts");
        conversations.MapPost("", Start).RequireRateLimiting(RateLimitSetup.Messages).WithSummary("Ask a host about a listing; a host writes to a guest who booked or asked to book it (guestId)");
        conversations.MapGet("/{id:guid}/messages", Messages).WithSummary("Messages, newest first");
        conversations.MapPost("/{id:guid}/messages", Send).RequireRateLimiting(RateLimitSetup.Messages).WithSummary("Send a message");
        conversations.MapPost("/{id:guid}/read", MarkRead).WithSummary("Mark the conversation read");
        var scheduled = api.MapGroup("/listings/{id:guid}/scheduled-messages").WithTags("Messaging").RequireAuthorization();
        scheduled.MapGet("", ScheduledList).WithSummary("The listing's scheduled messages (its host, admins)");
        scheduled.MapPost("", ScheduledAdd).Idempotent(successStatus: StatusCodes.Status201Created)
            .WithSummary("Host: a message sent to each confirmed guest at a moment (confirmed, day_before_check_in, check_out_morning), placeholders filled in");
        scheduled.MapDelete("/{messageId:guid}", ScheduledDelete).WithSummary("Host: stop a scheduled message");
        return api;
    }

    private static async Task<Results<Ok<Page<ConversationResponse>>, ProblemHttpResult>> List(Conversations conversations, HttpContext http, int limit = 20, string? cursor = null) =>
        PageRequest.Check<MessagesCursor>(limit, cursor, out var after) is { } bad
            ? bad.ToProblem(http)
            : TypedResults.Ok(await conversations.ListAsync(http.User.UserId(), limit, after, http.RequestAborted));

    private static async Task<Results<Created<ConversationResponse>, ProblemHttpResult>> Start(StartConversationRequest request, Conversations conversations, HttpContext http)
    {
        var outcome = await conversations.StartAsync(http.User.UserId(), request, http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Created($"/api/v1/conversations/{outcome.Value!.Id}/messages", outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<Page<MessageResponse>>, ProblemHttpResult>> Messages(Guid id, Conversations conversations, HttpContext http, int limit = 20, string? cursor = null) =>
        PageRequest.Check<MessagesCursor>(limit, cursor, out var after, maxLimit: 100) is { } bad
            ? bad.ToProblem(http)
            : (await conversations.MessagesAsync(id, http.User, limit, after, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Created<MessageResponse>, ProblemHttpResult>> Send(Guid id, SendMessageRequest request, Conversations conversations, HttpContext http)
    {
        var outcome = await conversations.SendAsync(id, request, http.User, http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Created($"/api/v1/conversations/{id}/messages", outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<IReadOnlyList<ScheduledMessageResponse>>, ProblemHttpResult>> ScheduledList(Guid id, ScheduledMessages messages, HttpContext http) =>
        (await messages.ListAsync(id, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Created<ScheduledMessageResponse>, ProblemHttpResult>> ScheduledAdd(Guid id, ScheduledMessageRequest request, ScheduledMessages messages, HttpContext http)
    {
        var outcome = await messages.AddAsync(id, request, http.User, http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Created($"/api/v1/listings/{id}/scheduled-messages", outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ScheduledDelete(Guid id, Guid messageId, ScheduledMessages messages, HttpContext http) =>
        await messages.DeleteAsync(id, messageId, http.User, http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(Guid id, Conversations conversations, HttpContext http) =>
        await conversations.MarkReadAsync(id, http.User.UserId(), http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();
}
