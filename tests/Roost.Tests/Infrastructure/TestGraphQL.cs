using System.Net.Http.Json;
using System.Text.Json;

namespace Roost.Tests.Infrastructure;

public sealed record GraphResponse(System.Net.HttpStatusCode Status, string? ContentType, JsonElement Body)
{
    public JsonElement Data => Body.GetProperty("data");

    public IReadOnlyList<JsonElement> Errors => Body.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateArray()] : [];

    public string? FirstCode => Errors.Count == 0 ? null : Errors[0].GetProperty("extensions").GetProperty("code").GetString();

    public GraphResponse ShouldSucceed()
    {
        Errors.ShouldBeEmpty(Body.ToString());
        Status.ShouldBe(System.Net.HttpStatusCode.OK);
        return this;
    }
}

public static class TestGraphQL
{
    public static async Task<GraphResponse> GraphQLAsync(this HttpClient client, string query, object? variables = null, string? operationName = null)
    {
        var response = await client.PostAsJsonAsync("/graphql", new { query, variables, operationName });
        return await ReadAsync(response);
    }

    public static async Task<GraphResponse> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return new GraphResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, JsonDocument.Parse(text).RootElement.Clone());
    }
}
