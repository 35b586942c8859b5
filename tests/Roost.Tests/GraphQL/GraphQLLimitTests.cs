using System.Net;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.GraphQL;

/// <summary>An app with tight limits, to show both are read from configuration and enforced before execution.</summary>
public sealed class TightGraphQLApp : RoostApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["GraphQL:MaxDepth"] = "4",
        ["GraphQL:MaxComplexity"] = "100",
    };
}

public sealed class GraphQLLimitTests(TightGraphQLApp app) : IClassFixture<TightGraphQLApp>
{
    [Fact]
    public async Task The_depth_limit_comes_from_configuration()
    {
        (await app.CreateClient().GraphQLAsync("{ listings { edges { node { id } } } }")).ShouldSucceed();
        var refused = await app.CreateClient().GraphQLAsync("{ listings { edges { node { host { firstName } } } } }");
        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.Errors[0].GetProperty("message").GetString()!.ShouldContain("depth");
    }

    [Fact]
    public async Task A_query_over_the_complexity_budget_is_refused_before_it_runs()
    {
        (await app.CreateClient().GraphQLAsync("{ listings(first: 5) { nodes { title } } }")).ShouldSucceed();
        var refused = await app.CreateClient().GraphQLAsync("{ listings(first: 50) { nodes { title description currency amenities { code name } } } }");
        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.Errors[0].GetProperty("message").GetString()!.ShouldContain("complexity");
    }
}
