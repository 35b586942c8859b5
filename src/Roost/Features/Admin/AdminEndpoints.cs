using Microsoft.AspNetCore.Http.HttpResults;
using Roost.Features.Listings;
using Roost.Platform.Auth;

namespace Roost.Features.Admin;

public static class AdminEndpoints
{
    public static IHostApplicationBuilder AddAdmin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<UserModeration>();
        return builder;
    }

    public static RouteGroupBuilder MapAdmin(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Admin").RequireAuthorization(Policies.Admin);
        admin.MapPost("/users/{id:guid}/suspend", SuspendUser)
            .WithSummary("Suspend an account: it cannot sign in, its sessions end, its listings leave the marketplace");
        admin.MapPost("/users/{id:guid}/reinstate", ReinstateUser).WithSummary("Reinstate an account and the listings its suspension took down");
        admin.MapPost("/listings/{id:guid}/suspend", SuspendListing).WithSummary("Take a listing off the marketplace; the host is told why");
        admin.MapPost("/listings/{id:guid}/reinstate", ReinstateListing).WithSummary("Put a suspended listing back as it was");
        return api;
    }

    private static async Task<Results<Ok<UserModerationResponse>, ProblemHttpResult>> SuspendUser(
        Guid id, SuspendRequest request, UserModeration moderation, HttpContext http)
    {
        var outcome = await moderation.SuspendAsync(id, http.User.UserId(), request.Reason.Trim(), http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<UserModerationResponse>, ProblemHttpResult>> ReinstateUser(Guid id, UserModeration moderation, HttpContext http)
    {
        var outcome = await moderation.ReinstateAsync(id, http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<ListingResponse>, ProblemHttpResult>> SuspendListing(
        Guid id, SuspendRequest request, ListingModeration moderation, HttpContext http)
    {
        var outcome = await moderation.SuspendAsync(id, request.Reason.Trim(), http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<ListingResponse>, ProblemHttpResult>> ReinstateListing(Guid id, ListingModeration moderation, HttpContext http)
    {
        var outcome = await moderation.ReinstateAsync(id, http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value) : outcome.Failure!.ToProblem(http);
    }
}
