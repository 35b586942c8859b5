using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Roost.Features.Accounts;
using Roost.Features.Bookings;
using Roost.Platform.Auth;
using Roost.Platform.Errors;
using Roost.Platform.GraphQL;
using Roost.Platform.Http;
using Roost.Platform.Observability;

namespace Roost.Features.Claims;

public static class ClaimEndpoints
{
    public static IHostApplicationBuilder AddClaims(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<StayClaims>();
        builder.Services.AddScoped<ClaimSettlement>();
        builder.Services.AddScoped<IAccountCommitments, ClaimCommitments>();
        builder.Services.AddScoped<IAccountErasure, ClaimWindowCardKeeping>();
        builder.Services.AddScoped<IBacklog, ClaimBacklog>();
        builder.Services.AddSingleton<IGraphExtension<BookingGraphType>, BookingClaimsField>();
        return builder;
    }

    public static void ScheduleClaimJobs(this IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<StayClaims>("claims:escalate-unanswered", c => c.EscalateUnansweredAsync(), "*/15 * * * *");

    public static RouteGroupBuilder MapClaims(this RouteGroupBuilder api)
    {
        var claims = api.MapGroup("/bookings/{id:guid}/claims").WithTags("Claims").RequireAuthorization();
        claims.MapPost("", File).Idempotent(successStatus: StatusCodes.Status201Created)
            .WithSummary("Host: ask the guest to pay for damage (after check-out); guest: ask the host for money back (from check-in); within 14 days of check-out");
        claims.MapGet("", List).WithSummary("The stay's claims (its guest, its host, admins)");
        claims.MapPost("/{claimId:guid}/accept", Accept).Idempotent()
            .WithSummary("The side asked: accept (damage: the guest's card is charged, the host paid next run; refund: the guest's card gets it back from the host's share)");
        claims.MapPost("/{claimId:guid}/decline", Decline).Idempotent().WithSummary("The side asked: decline; whoever asked may then send it to Roost");
        claims.MapPost("/{claimId:guid}/escalate", Escalate).Idempotent().WithSummary("Whoever asked: send a declined claim, or one unanswered for 72 hours, to Roost to decide");
        claims.MapPost("/{claimId:guid}/withdraw", Withdraw).Idempotent().WithSummary("Whoever asked: withdraw a claim not yet settled");
        var admin = api.MapGroup("/admin/claims").WithTags("Claims").RequireAuthorization(Policies.Admin);
        admin.MapGet("", Queue).WithSummary("Admin: claims by status (default escalated), oldest first");
        admin.MapPost("/{claimId:guid}/decide", Decide).Idempotent(required: true)
            .WithSummary("Admin: grant all or part of an escalated claim (the money moves as on acceptance) or reject it, with a note both sides read");
        return api;
    }

    private static async Task<Results<Created<ClaimResponse>, ProblemHttpResult>> File(Guid id, FileClaimRequest request, StayClaims claims, HttpContext http)
    {
        var outcome = await claims.FileAsync(id, request, http.User, http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Created($"/api/v1/bookings/{id}/claims", outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<IReadOnlyList<ClaimResponse>>, ProblemHttpResult>> List(Guid id, StayClaims claims, HttpContext http) =>
        (await claims.ListAsync(id, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> Accept(Guid id, Guid claimId, StayClaims claims, HttpContext http) =>
        (await claims.AcceptAsync(id, claimId, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> Decline(Guid id, Guid claimId, StayClaims claims, HttpContext http, DeclineClaimRequest? body = null) =>
        (await claims.DeclineAsync(id, claimId, body?.Note, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> Escalate(Guid id, Guid claimId, StayClaims claims, HttpContext http) =>
        (await claims.EscalateAsync(id, claimId, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> Withdraw(Guid id, Guid claimId, StayClaims claims, HttpContext http) =>
        (await claims.WithdrawAsync(id, claimId, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<Page<ClaimResponse>>, ProblemHttpResult>> Queue(StayClaims claims, HttpContext http, string status = "escalated", int limit = 20, string? cursor = null)
    {
        if (!Enum.TryParse<ClaimStatus>(status.Replace("_", ""), ignoreCase: true, out var wanted) || !Enum.IsDefined(wanted))
        {
            return Failure.Validation("status", "One of open, paid, declined, escalated, approved, rejected, withdrawn.").ToProblem(http);
        }

        return PageRequest.Check<ClaimsCursor>(limit, cursor, out var after) is { } bad
            ? bad.ToProblem(http)
            : TypedResults.Ok(await claims.QueueAsync(wanted, limit, after, http.RequestAborted));
    }

    private static async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> Decide(Guid claimId, DecideClaimRequest request, StayClaims claims, HttpContext http) =>
        (await claims.DecideAsync(claimId, request, http.User.UserId(), http.RequestAborted)).ToResult(http);
}
