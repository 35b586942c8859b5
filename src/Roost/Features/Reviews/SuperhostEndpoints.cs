using GraphQL.Types;
using Microsoft.AspNetCore.Http.HttpResults;
using Roost.Platform.Auth;
using Roost.Platform.GraphQL;

namespace Roost.Features.Reviews;

public static class SuperhostEndpoints
{
    public static RouteGroupBuilder MapSuperhost(this RouteGroupBuilder api)
    {
        api.MapGet("/host/superhost", Progress).RequireAuthorization(Policies.Host).WithTags("Bookings")
            .WithSummary("Where you stand against the Superhost standards over the last 365 days, and when the next assessment is");
        return api;
    }

    public static void AddSuperhostQuery(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<RecordGraphType<SuperhostProgress>>>("superhostProgress")
            .Description("Where you stand against the Superhost standards over the last 365 days, and when the next assessment is (hosts).")
            .ResolveAsync(async context => await context.Service<Superhosts>().ProgressAsync(context.RequireHost(), context.CancellationToken));

    private static async Task<Ok<SuperhostProgress>> Progress(Superhosts superhosts, HttpContext http) =>
        TypedResults.Ok(await superhosts.ProgressAsync(http.User.UserId(), http.RequestAborted));
}
