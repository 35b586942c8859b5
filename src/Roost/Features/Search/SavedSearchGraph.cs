using GraphQL;
using GraphQL.Types;
using Roost.Platform.GraphQL;

namespace Roost.Features.Search;

/// <summary>The saved-search routes as GraphQL fields, through the same <see cref="SavedSearches"/> methods.</summary>
public static class SavedSearchGraph
{
    public static void AddSavedSearchQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecordGraphType<SavedSearchResponse>>>>>("savedSearches").Description("Your saved searches.")
            .ResolveAsync(async context => await context.Service<SavedSearches>().ListAsync(context.RequireUserId(), context.CancellationToken));

    public static void AddSavedSearchMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<RecordGraphType<SavedSearchResponse>>>("saveSearch").Description("Keep a search (the listings query string) and, by default, hear of new homes for it.")
            .Argument<NonNullGraphType<RecordInputGraphType<SaveSearchRequest>>>("input")
            .ResolveAsync(async context => (await context.Service<SavedSearches>().SaveAsync(
                context.RequireUserId(), GraphContext.Valid(context.GetArgument<SaveSearchRequest>("input")), context.CancellationToken)).Unwrap());
        mutation.Field<NonNullGraphType<RecordGraphType<SavedSearchResponse>>>("changeSavedSearch").Description("Rename a saved search or switch its alerts.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<RecordInputGraphType<ChangeSavedSearchRequest>>>("input")
            .ResolveAsync(async context => (await context.Service<SavedSearches>().ChangeAsync(
                context.RequireUserId(), context.Id("id"), GraphContext.Valid(context.GetArgument<ChangeSavedSearchRequest>("input")), context.CancellationToken)).Unwrap());
        mutation.Field<NonNullGraphType<BooleanGraphType>>("deleteSavedSearch").Description("Forget a saved search.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context =>
            {
                (await context.Service<SavedSearches>().DeleteAsync(context.RequireUserId(), context.Id("id"), context.CancellationToken)).ThrowIfFailed();
                return true;
            });
    }
}
