using Microsoft.AspNetCore.Http.HttpResults;
using Roost.Features.Accounts;
using Roost.Features.Listings;
using Roost.Platform.Auth;
using Roost.Platform.Errors;
using Roost.Platform.Http;

namespace Roost.Features.Admin;

public static class AdminEndpoints
{
    public static IHostApplicationBuilder AddAdmin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<UserModeration>();
        builder.Services.AddScoped<AuditLog>();
        return builder;
    }

    public static RouteGroupBuilder MapAdmin(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Admin").RequireAuthorization(Policies.Admin);
        admin.MapGet("/users", SearchUsers).WithSummary("Find accounts by the start of an e-mail address (?q=ana@) or a first or last name, newest first, with their suspension and closure");
        admin.MapPost("/users/{id:guid}/suspend", SuspendUser)
            .WithSummary("Suspend an account: it cannot sign in, its sessions end, its listings leave the marketplace; cancelUpcomingStays also cancels its confirmed stays that have not begun, as host or guest, refunded in full");
        admin.MapPost("/users/{id:guid}/reinstate", ReinstateUser).WithSummary("Reinstate an account and the listings its suspension took down");
        admin.MapPost("/users/{id:guid}/two-factor/reset", ResetTwoFactor)
            .WithSummary("Turn a user's two-step sign-in off (lost phone and recovery codes), with the reason they read");
        admin.MapPost("/listings/{id:guid}/suspend", SuspendListing).WithSummary("Take a listing off the marketplace; the host is told why");
        admin.MapPost("/listings/{id:guid}/reinstate", ReinstateListing).WithSummary("Put a suspended listing back as it was");
        admin.MapGet("/audit", ListAudit).WithSummary("Who did what to whom and why, newest first; ?targetId= for one user, listing or review");
        return api;
    }

    private static async Task<Results<Ok<Page<AuditEntryResponse>>, ProblemHttpResult>> ListAudit(
        AuditLog log, HttpContext http, Guid? targetId = null, int limit = 20, string? cursor = null) =>
        PageRequest.Check<AuditCursor>(limit, cursor, out var after) is { } bad
            ? bad.ToProblem(http)
            : TypedResults.Ok(await log.ListAsync(targetId, limit, after, http.RequestAborted));

    private static async Task<Results<Ok<Page<AccountSummary>>, ProblemHttpResult>> SearchUsers(
        AccountDirectory directory, HttpContext http, string? q = null, int limit = 20, string? cursor = null) =>
        q?.Length > AccountDirectory.MaxQueryLength ? Failure.Validation("q", $"At most {AccountDirectory.MaxQueryLength} characters.").ToProblem(http)
        : PageRequest.Check<AccountCursor>(limit, cursor, out var after) is { } bad ? bad.ToProblem(http)
        : TypedResults.Ok(await directory.SearchAsync(q, limit, after, http.RequestAborted));

    private static async Task<Results<NoContent, ProblemHttpResult>> ResetTwoFactor(Guid id, ResetTwoFactorRequest request, AccountModeration moderation, HttpContext http) =>
        await moderation.ResetTwoFactorAsync(id, http.User.UserId(), request.Reason.Trim(), http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();

    private static async Task<Results<Ok<UserModerationResponse>, ProblemHttpResult>> SuspendUser(
        Guid id, SuspendUserRequest request, UserModeration moderation, HttpContext http)
    {
        var outcome = await moderation.SuspendAsync(id, http.User, request, http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<UserModerationResponse>, ProblemHttpResult>> ReinstateUser(Guid id, UserModeration moderation, HttpContext http)
    {
        var outcome = await moderation.ReinstateAsync(id, http.User.UserId(), http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<ListingResponse>, ProblemHttpResult>> SuspendListing(
        Guid id, SuspendRequest request, ListingModeration moderation, HttpContext http)
    {
        var outcome = await moderation.SuspendAsync(id, http.User.UserId(), request.Reason.Trim(), http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<ListingResponse>, ProblemHttpResult>> ReinstateListing(Guid id, ListingModeration moderation, HttpContext http)
    {
        var outcome = await moderation.ReinstateAsync(id, http.User.UserId(), http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value) : outcome.Failure!.ToProblem(http);
    }
}
