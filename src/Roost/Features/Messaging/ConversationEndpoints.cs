using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Roost.Features.Bookings;
using Roost.Platform.Auth;
using Roost.Platform.Errors;
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
        return builder;
    }

    public static void ScheduleMessagingJobs(this IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<HostResponsiveness>("messaging:host-responsiveness", r => r.RefreshAsync(), "15 3 * * *");

    public static RouteGroupBuilder MapMessaging(this RouteGroupBuilder api)
    {
        var conversations = api.MapGroup("/conversations").WithTags("Messaging").RequireAuthorization();
        conversations.MapGet("", List).WithSummary("Your conversations, most recent first, with unread counts");
        conversations.MapPost("", Start).RequireRateLimiting(RateLimitSetup.Messages).WithSummary("Ask a host about a listing; a host writes to a guest who booked or asked to book it (guestId)");
        conversations.MapGet("/{id:guid}/messages", Messages).WithSummary("Messages, newest first");
        conversations.MapPost("/{id:guid}/messages", Send).RequireRateLimiting(RateLimitSetup.Messages).WithSummary("Send a message");
        conversations.MapPost("/{id:guid}/read", MarkRead).WithSummary("Mark the conversation read");
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

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(Guid id, Conversations conversations, HttpContext http) =>
        await conversations.MarkReadAsync(id, http.User.UserId(), http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();
}
