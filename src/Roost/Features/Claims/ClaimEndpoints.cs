using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Roost.Features.Accounts;
using Roost.Features.Bookings;
using Roost.Platform.Auth;
using Roost.Platform.Errors;
using Roost.Platform.GraphQL;
using Roost.Platform.Http;

namespace Roost.Features.Claims;

public static class ClaimEndpoints
{
    public static IHostApplicationBuilder AddClaims(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<DamageClaims>();
        builder.Services.AddScoped<IAccountCommitments, ClaimCommitments>();
        builder.Services.AddSingleton<IGraphExtension<BookingGraphType>, BookingClaimsField>();
        return builder;
    }

    public static void ScheduleClaimJobs(this IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<DamageClaims>("claims:escalate-unanswered", c => c.EscalateUnansweredAsync(), "*/15 * * * *");

    public static RouteGroupBuilder MapClaims(this RouteGroupBuilder api)
    {
        var claims = api.MapGroup("/bookings/{id:guid}/claims").WithTags("Claims").RequireAuthorization();
        claims.MapPost("", File).Idempotent(successStatus: StatusCodes.Status201Created)
            .WithSummary("Host: ask the guest of a finished stay to pay for damage (within 14 days of check-out)");
        claims.MapGet("", List).WithSummary("The stay's claims (its guest, its host, admins)");
        claims.MapPost("/{claimId:guid}/pay", Pay).Idempotent().WithSummary("Guest: pay the claim (the card on file is charged; the host is paid with the next payout run)");
        claims.MapPost("/{claimId:guid}/decline", Decline).Idempotent().WithSummary("Guest: decline the claim; the host may then ask Roost to decide");
        claims.MapPost("/{claimId:guid}/escalate", Escalate).Idempotent().WithSummary("Host: ask Roost to decide a declined claim, or one the guest left unanswered for 72 hours");
        claims.MapPost("/{claimId:guid}/withdraw", Withdraw).Idempotent().WithSummary("Host: withdraw a claim not yet settled");
        var admin = api.MapGroup("/admin/claims").WithTags("Claims").RequireAuthorization(Policies.Admin);
        admin.MapGet("", Queue).WithSummary("Admin: claims by status (default escalated), oldest first");
        admin.MapPost("/{claimId:guid}/decide", Decide).Idempotent(required: true)
            .WithSummary("Admin: grant all or part of an escalated claim (the guest's card is charged) or reject it, with a note both sides read");
        return api;
    }

    private static async Task<Results<Created<ClaimResponse>, ProblemHttpResult>> File(Guid id, FileClaimRequest request, DamageClaims claims, HttpContext http)
    {
        var outcome = await claims.FileAsync(id, request, http.User, http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Created($"/api/v1/bookings/{id}/claims", outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<IReadOnlyList<ClaimResponse>>, ProblemHttpResult>> List(Guid id, DamageClaims claims, HttpContext http) =>
        (await claims.ListAsync(id, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> Pay(Guid id, Guid claimId, DamageClaims claims, HttpContext http) =>
        (await claims.PayAsync(id, claimId, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> Decline(Guid id, Guid claimId, DamageClaims claims, HttpContext http, DeclineClaimRequest? body = null) =>
        (await claims.DeclineAsync(id, claimId, body?.Note, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> Escalate(Guid id, Guid claimId, DamageClaims claims, HttpContext http) =>
        (await claims.EscalateAsync(id, claimId, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> Withdraw(Guid id, Guid claimId, DamageClaims claims, HttpContext http) =>
        (await claims.WithdrawAsync(id, claimId, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<Page<ClaimResponse>>, ProblemHttpResult>> Queue(DamageClaims claims, HttpContext http, string status = "escalated", int limit = 20, string? cursor = null)
    {
        if (!Enum.TryParse<ClaimStatus>(status.Replace("_", ""), ignoreCase: true, out var wanted) || !Enum.IsDefined(wanted))
        {
            return Failure.Validation("status", "One of open, paid, declined, escalated, approved, rejected, withdrawn.").ToProblem(http);
        }

        return PageRequest.Check<ClaimsCursor>(limit, cursor, out var after) is { } bad
            ? bad.ToProblem(http)
            : TypedResults.Ok(await claims.QueueAsync(wanted, limit, after, http.RequestAborted));
    }

    private static async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> Decide(Guid claimId, DecideClaimRequest request, DamageClaims claims, HttpContext http) =>
        (await claims.DecideAsync(claimId, request, http.User.UserId(), http.RequestAborted)).ToResult(http);
}
