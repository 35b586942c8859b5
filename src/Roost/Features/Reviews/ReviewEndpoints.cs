using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Roost.Features.Listings;
using Roost.Platform.Auth;
using Roost.Platform.Errors;
using Roost.Platform.GraphQL;
using Roost.Platform.Http;

namespace Roost.Features.Reviews;

public static class ReviewEndpoints
{
    public static IHostApplicationBuilder AddReviews(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReviewWriting>();
        builder.Services.AddScoped<ReviewReading>();
        builder.Services.AddScoped<ReviewModeration>();
        builder.Services.AddScoped<ReviewReminders>();
        builder.Services.AddScoped<Superhosts>();
        builder.Services.AddSingleton<IGraphExtension<ListingGraphType>, ListingReviewsField>();
        return builder;
    }

    public static void ScheduleReviewJobs(this IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<ReviewWriting>("reviews:publish-closed-windows", r => r.PublishDueAsync(), Cron.Hourly());
        jobs.AddOrUpdate<ReviewReminders>("reviews:remind-before-window-closes", r => r.SendDueAsync(), Cron.Hourly());
        jobs.AddOrUpdate<Superhosts>("reviews:assess-superhosts", s => s.AssessAsync(), SuperhostRules.AssessmentCron);
    }

    public static RouteGroupBuilder MapReviews(this RouteGroupBuilder api)
    {
        api.MapPost("/bookings/{id:guid}/reviews", Write).RequireAuthorization().WithTags("Reviews").WithSummary("Review a completed stay (guest or host, once each)");
        api.MapGet("/listings/{id:guid}/reviews", ForListing).AllowAnonymous().WithTags("Reviews").WithSummary("Published guest reviews with the rating summary");
        api.MapGet("/users/{id:guid}/reviews", AboutUser).AllowAnonymous().WithTags("Reviews").WithSummary("Published reviews about a user, as host and as guest");
        api.MapPost("/reviews/{id:guid}/response", Respond).RequireAuthorization().WithTags("Reviews").WithSummary("The reviewed host answers, once");
        api.MapPost("/admin/reviews/{id:guid}/remove", Remove).RequireAuthorization(Policies.Admin).WithTags("Reviews")
            .WithSummary("Admin: remove a published review that breaks the rules; the ratings it fed are recounted");
        return api;
    }

    private static async Task<Results<Created<ReviewResponse>, ProblemHttpResult>> Write(Guid id, ReviewInput input, ReviewWriting reviews, HttpContext http)
    {
        var outcome = await reviews.WriteAsync(id, input, http.User, http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Created($"/api/v1/reviews/{outcome.Value!.Id}", outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<ListingReviews>, ProblemHttpResult>> ForListing(Guid id, ReviewReading reviews, HttpContext http, int limit = 20, string? cursor = null) =>
        PageRequest.Check<ReviewsCursor>(limit, cursor, out var after) is { } bad
            ? bad.ToProblem(http)
            : (await reviews.ForListingAsync(id, limit, after, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<Page<ReviewResponse>>, ProblemHttpResult>> AboutUser(Guid id, ReviewReading reviews, HttpContext http, int limit = 20, string? cursor = null) =>
        PageRequest.Check<ReviewsCursor>(limit, cursor, out var after) is { } bad
            ? bad.ToProblem(http)
            : TypedResults.Ok(await reviews.AboutUserAsync(id, limit, after, http.RequestAborted));

    private static async Task<Results<NoContent, ProblemHttpResult>> Remove(Guid id, RemoveReviewRequest request, ReviewModeration moderation, HttpContext http) =>
        await moderation.RemoveAsync(id, http.User.UserId(), request.Reason.Trim(), http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();

    private static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> Respond(Guid id, ResponseInput input, ReviewWriting reviews, HttpContext http) =>
        (await reviews.RespondAsync(id, input.Text, http.User, http.RequestAborted)).ToResult(http);
}
