using Microsoft.AspNetCore.Http.HttpResults;
using Roost.Platform.Auth;

namespace Roost.Features.Reviews;

public static class SuperhostEndpoints
{
    public static RouteGroupBuilder MapSuperhost(this RouteGroupBuilder api)
    {
        api.MapGet("/host/superhost", Progress).RequireAuthorization(Policies.Host).WithTags("Bookings")
            .WithSummary("Where you stand against the Superhost standards over the last 365 days, and when the next assessment is");
        return api;
    }

    private static async Task<Ok<SuperhostProgress>> Progress(Superhosts superhosts, HttpContext http) =>
        TypedResults.Ok(await superhosts.ProgressAsync(http.User.UserId(), http.RequestAborted));
}
