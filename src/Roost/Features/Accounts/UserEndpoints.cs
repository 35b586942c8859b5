using Microsoft.AspNetCore.Http.HttpResults;

namespace Roost.Features.Accounts;

public static class UserEndpoints
{
    public static RouteGroupBuilder MapUsers(this RouteGroupBuilder api)
    {
        api.MapGroup("/users").WithTags("Accounts").AllowAnonymous()
            .MapGet("/{id:guid}", GetPublicProfile).WithSummary("A user's public profile");
        return api;
    }

    private static async Task<Results<Ok<PublicProfile>, ProblemHttpResult>> GetPublicProfile(Guid id, Profiles profiles, HttpContext http)
    {
        var outcome = await profiles.GetPublicAsync(id, http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value) : outcome.Failure!.ToProblem(http);
    }
}
