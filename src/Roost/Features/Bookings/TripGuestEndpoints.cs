using Microsoft.AspNetCore.Http.HttpResults;
using Roost.Platform.Auth;
using Roost.Platform.Errors;

namespace Roost.Features.Bookings;

public static class TripGuestEndpoints
{
    public static RouteGroupBuilder MapTripGuests(this RouteGroupBuilder api)
    {
        var travellers = api.MapGroup("/bookings/{id:guid}/travellers").WithTags("Bookings").RequireAuthorization();
        travellers.MapPost("", Invite).WithSummary("The guest who booked invites a travel companion by e-mail address (at most the booking's guests less one)");
        travellers.MapGet("", List).WithSummary("Who travels on this booking (its guest, the companions, admins)");
        travellers.MapDelete("/{travellerId:guid}", Remove).WithSummary("The guest takes a companion off the trip, or a companion leaves it");

        var invitations = api.MapGroup("/trip-invitations").WithTags("Bookings").RequireAuthorization();
        invitations.MapGet("", Mine).WithSummary("Invitations to your address and the trips you joined");
        invitations.MapPost("/{invitationId:guid}/accept", Accept).WithSummary("Join a trip (your address must be confirmed)");
        invitations.MapPost("/{invitationId:guid}/decline", Decline).WithSummary("Decline an invitation to a trip");
        return api;
    }

    private static async Task<Results<Created<TravellerResponse>, ProblemHttpResult>> Invite(Guid id, InviteTravellerRequest request, TripGuests travellers, HttpContext http)
    {
        var outcome = await travellers.InviteAsync(id, request, http.User, http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Created($"/api/v1/bookings/{id}/travellers", outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<IReadOnlyList<TravellerResponse>>, ProblemHttpResult>> List(Guid id, TripGuests travellers, HttpContext http) =>
        (await travellers.ListAsync(id, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<NoContent, ProblemHttpResult>> Remove(Guid id, Guid travellerId, TripGuests travellers, HttpContext http) =>
        await travellers.RemoveAsync(id, travellerId, http.User, http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();

    private static async Task<Ok<IReadOnlyList<TravellerResponse>>> Mine(TripGuests travellers, HttpContext http) =>
        TypedResults.Ok(await travellers.MineAsync(http.User.UserId(), http.RequestAborted));

    private static async Task<Results<Ok<TravellerResponse>, ProblemHttpResult>> Accept(Guid invitationId, TripGuests travellers, HttpContext http) =>
        (await travellers.AnswerAsync(invitationId, accept: true, http.User.UserId(), http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<TravellerResponse>, ProblemHttpResult>> Decline(Guid invitationId, TripGuests travellers, HttpContext http) =>
        (await travellers.AnswerAsync(invitationId, accept: false, http.User.UserId(), http.RequestAborted)).ToResult(http);
}
