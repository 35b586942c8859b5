using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.GraphQL;

/// <summary>GraphQL over HTTP: what the endpoint accepts, refuses, and how it answers; never a 500 for a bad request.</summary>
[Collection(ApiCollection.Name)]
public sealed class GraphQLProtocolTests(RoostApp app)
{
    private async Task<GraphResponse> PostRawAsync(string body, string contentType = "application/json")
    {
        var response = await app.CreateClient().PostAsync("/graphql", new StringContent(body, Encoding.UTF8, contentType));
        return await TestGraphQL.ReadAsync(response);
    }

    private async Task<GraphResponse> GetAsync(string query)
    {
        var response = await app.CreateClient().GetAsync("/graphql?query=" + Uri.EscapeDataString(query));
        return await TestGraphQL.ReadAsync(response);
    }

    [Fact]
    public async Task Queries_answer_as_graphql_response_json_over_POST_and_GET()
    {
        var posted = (await app.CreateClient().GraphQLAsync("{ amenities { code } }")).ShouldSucceed();
        posted.ContentType.ShouldBe("application/graphql-response+json");
        (await GetAsync("{ amenities { code } }")).ShouldSucceed().Data.GetProperty("amenities").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_mutation_over_GET_is_405_and_runs_nothing()
    {
        var email = TestUsers.NewEmail("get");
        var result = await GetAsync($"mutation {{ register(input: {{ email: \"{email}\", password: \"{TestUsers.Password}\", firstName: \"A\", lastName: \"B\" }}) {{ accessToken }} }}");
        result.Status.ShouldBe(HttpStatusCode.MethodNotAllowed);
        result.FirstCode.ShouldBe("METHOD_NOT_ALLOWED");
        (await app.CreateClient().GraphQLAsync($"mutation {{ login(input: {{ email: \"{email}\", password: \"{TestUsers.Password}\" }}) {{ accessToken }} }}")).FirstCode.ShouldBe("UNAUTHENTICATED");
    }

    [Theory]
    [InlineData("{ not json", "application/json", HttpStatusCode.BadRequest, "INVALID_REQUEST")]
    [InlineData("{\"variables\": {}}", "application/json", HttpStatusCode.BadRequest, "INVALID_REQUEST")]
    [InlineData("{\"query\": \"{ amenities { code }\"}", "application/json", HttpStatusCode.BadRequest, "SYNTAX_ERROR")]
    [InlineData("{\"query\": \"{ amenities { colour } }\"}", "application/json", HttpStatusCode.BadRequest, "FIELDS_ON_CORRECT_TYPE")]
    [InlineData("{\"query\": \"query ($id: ID!) { listing(id: $id) { id } }\", \"variables\": {\"id\": {\"a\": 1}}}", "application/json", HttpStatusCode.BadRequest, "INVALID_VALUE")]
    [InlineData("{\"query\": \"query ($n: Int) { myTrips(first: $n) { nextCursor } }\", \"variables\": {\"n\": \"many\"}}", "application/json", HttpStatusCode.BadRequest, "INVALID_VALUE")]
    [InlineData("query { amenities { code } }", "text/plain", HttpStatusCode.UnsupportedMediaType, "INVALID_CONTENT_TYPE")]
    public async Task Malformed_requests_are_graphql_errors_never_500(string body, string contentType, HttpStatusCode status, string code)
    {
        var result = await PostRawAsync(body, contentType);
        result.Status.ShouldBe(status, result.Body.ToString());
        result.ContentType.ShouldBe("application/graphql-response+json");
        result.FirstCode.ShouldBe(code, result.Body.ToString());
        result.Body.ToString().ShouldNotContain("   at ");
    }

    [Fact]
    public async Task The_explorers_introspection_passes_the_limits_but_the_same_depth_of_data_would_not()
    {
        // GraphiQL's own introspection query nests ofType seven times: 13 levels, over the limit of 10.
        var introspection = (await app.CreateClient().GraphQLAsync("query IntrospectionQuery { __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }"))
            .ShouldSucceed();
        introspection.Data.GetProperty("__schema").GetProperty("types").GetArrayLength().ShouldBeGreaterThan(20);

        var mixed = await app.CreateClient().GraphQLAsync("{ amenities { code } __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }");
        mixed.Status.ShouldBe(HttpStatusCode.BadRequest);
        mixed.FirstCode.ShouldBe("COMPLEXITY");
        mixed.Errors[0].GetProperty("message").GetString()!.ShouldContain("Maximum depth");
        mixed.Body.TryGetProperty("data", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task The_explorer_page_and_its_assets_are_served_from_the_api()
    {
        var client = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        var page = await client.SendAsync(request);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("/graphql/explorer/graphiql.min.js");
        html.ShouldNotContain("https://");
        foreach (var asset in new[] { "graphiql.min.js", "graphiql.min.css", "react.production.min.js", "react-dom.production.min.js" })
        {
            var response = await client.GetAsync($"/graphql/explorer/{asset}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, asset);
            (await response.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(10_000);
        }

        (await client.GetAsync("/graphql/explorer/secrets.txt")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Introspection_is_available()
    {
        var result = (await app.CreateClient().GraphQLAsync("{ __schema { queryType { name } mutationType { name } } }")).ShouldSucceed();
        result.Data.GetProperty("__schema").GetProperty("mutationType").GetProperty("name").GetString().ShouldBe("Mutation");
    }

    [Fact]
    public async Task A_request_over_64_KB_is_refused_unread()
    {
        var padding = new string(' ', 70 * 1024);
        var response = await app.CreateClient().PostAsync("/graphql", new StringContent($"{{\"query\": \"{{ amenities {{ code }} }}{padding}\"}}", Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_client_that_accepts_only_application_json_gets_it_with_200_for_document_errors()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("{\"query\": \"{ amenities { colour } }\"}", Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var result = await TestGraphQL.ReadAsync(await app.CreateClient().SendAsync(request));
        result.Status.ShouldBe(HttpStatusCode.OK);
        result.ContentType.ShouldBe("application/json");
        result.FirstCode.ShouldBe("FIELDS_ON_CORRECT_TYPE");
    }
}
