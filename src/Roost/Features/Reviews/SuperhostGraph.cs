using GraphQL.Types;
using Roost.Platform.GraphQL;

namespace Roost.Features.Reviews;

/// <summary>A host's Superhost standing as a GraphQL field, through the same <see cref="Superhosts"/> method.</summary>
public static class SuperhostGraph
{
    public static void AddSuperhostQuery(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<RecordGraphType<SuperhostProgress>>>("superhostProgress")
            .Description("Where you stand against the Superhost standards over the last 365 days, and when the next assessment is (hosts).")
            .ResolveAsync(async context => await context.Service<Superhosts>().ProgressAsync(context.RequireHost(), context.CancellationToken));
}
