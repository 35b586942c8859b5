using Microsoft.AspNetCore.Http.HttpResults;
using Roost.Platform.Auth;
using Roost.Platform.Errors;

namespace Roost.Features.Listings;

public static class CoHostEndpoints
{
    public static RouteGroupBuilder MapCoHosts(this RouteGroupBuilder api)
    {
        var team = api.MapGroup("/listings/{id:guid}/cohosts").WithTags("Co-hosts").RequireAuthorization();
        team.MapPost("", Invite).WithSummary("The host invites someone, by e-mail address, to co-host (calendar, or calendar and reservations), with a share of the payout if the host wishes");
        team.MapGet("", Team).WithSummary("The listing's co-hosts and open invitations (its host and admins)");
        team.MapPatch("/{cohostId:guid}", Change).WithSummary("The host changes what a co-host may do, their payout share (for stays booked from now on), or both");
        team.MapDelete("/{cohostId:guid}", Remove).WithSummary("The host removes a co-host or withdraws an invitation; a co-host leaves");

        var mine = api.MapGroup("/cohosting").WithTags("Co-hosts").RequireAuthorization();
        mine.MapGet("", Mine).WithSummary("Invitations to your address and the listings you co-host");
        mine.MapPost("/{invitationId:guid}/accept", Accept).WithSummary("Accept an invitation (your address must be confirmed)");
        mine.MapPost("/{invitationId:guid}/decline", Decline).WithSummary("Decline an invitation");
        return api;
    }

    private static async Task<Results<Created<CoHostResponse>, ProblemHttpResult>> Invite(Guid id, InviteCoHostRequest request, CoHosts coHosts, HttpContext http)
    {
        var outcome = await coHosts.InviteAsync(id, request, http.User, http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Created($"/api/v1/listings/{id}/cohosts", outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<IReadOnlyList<CoHostResponse>>, ProblemHttpResult>> Team(Guid id, CoHosts coHosts, HttpContext http) =>
        (await coHosts.TeamAsync(id, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<CoHostResponse>, ProblemHttpResult>> Change(Guid id, Guid cohostId, ChangeCoHostRequest request, CoHosts coHosts, HttpContext http) =>
        (await coHosts.ChangeAsync(id, cohostId, request, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<NoContent, ProblemHttpResult>> Remove(Guid id, Guid cohostId, CoHosts coHosts, HttpContext http) =>
        await coHosts.RemoveAsync(id, cohostId, http.User, http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();

    private static async Task<Ok<IReadOnlyList<CoHostResponse>>> Mine(CoHosts coHosts, HttpContext http) =>
        TypedResults.Ok(await coHosts.MineAsync(http.User.UserId(), http.RequestAborted));

    private static async Task<Results<Ok<CoHostResponse>, ProblemHttpResult>> Accept(Guid invitationId, CoHosts coHosts, HttpContext http) =>
        (await coHosts.AnswerAsync(invitationId, accept: true, http.User.UserId(), http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<CoHostResponse>, ProblemHttpResult>> Decline(Guid invitationId, CoHosts coHosts, HttpContext http) =>
        (await coHosts.AnswerAsync(invitationId, accept: false, http.User.UserId(), http.RequestAborted)).ToResult(http);
}
