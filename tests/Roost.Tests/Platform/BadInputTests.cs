using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Platform;

/// <summary>Every kind of bad request gets its status and a problem document, and leaves the database as it was.</summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(RoostApp app)
{
    [Fact]
    public async Task Bad_requests_are_problems_and_change_nothing()
    {
        var existing = await app.RegisterGuestAsync();
        var client = app.CreateClient();
        var before = await CountRowsAsync();

        // Validation: field -> messages, in the contract's camelCase.
        var invalid = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = "not-an-address", password = "", firstName = "", lastName = "B" });
        var validation = await invalid.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = validation.GetProperty("errors");
        errors.TryGetProperty("email", out _).ShouldBeTrue(validation.ToString());
        errors.TryGetProperty("password", out _).ShouldBeTrue(validation.ToString());

        var weak = await client.PostAsJsonAsync("/api/v1/auth/register", TestUsers.RegisterBody(password: "short"));
        (await weak.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("password").GetArrayLength().ShouldBeGreaterThan(0);

        var common = await client.PostAsJsonAsync("/api/v1/auth/register", TestUsers.RegisterBody(password: "Password1234"));
        await common.ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        // Malformed JSON is a 400 with a reason, never a 500.
        var malformed = await client.PostAsync("/api/v1/auth/register", Json("""{"email": "a@b.c", "password": """));
        (await malformed.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString()!.ShouldContain("malformed");

        var wrongType = await client.PostAsync("/api/v1/auth/register", Json("""{"email": 42}"""));
        await wrongType.ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var empty = await client.PostAsync("/api/v1/auth/register", Json(""));
        await empty.ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        await (await client.GetAsync("/api/v1/no-such-route")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync("/api/v1/auth/login")).ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed);

        var huge = await client.PostAsync("/api/v1/auth/register", Json($$"""{"email":"{{new string('a', 2_000_000)}}@x.test"}"""));
        await huge.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        var text = await client.PostAsync("/api/v1/auth/register", new StringContent("email=a@b.c", Encoding.UTF8, "text/plain"));
        await text.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);

        // Unique violation: the same address in another case.
        var duplicate = await client.PostAsJsonAsync("/api/v1/auth/register", TestUsers.RegisterBody(existing.Email.ToUpperInvariant()));
        await duplicate.ShouldBeProblemAsync(HttpStatusCode.Conflict);

        await (await client.GetAsync("/api/v1/users/not-a-guid")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "made-up" })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        (await CountRowsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_client_that_does_not_ask_for_json_still_gets_a_problem_document()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("application/xml");

        var unauthorized = await (await client.GetAsync("/api/v1/me")).ShouldBeProblemAsync(System.Net.HttpStatusCode.Unauthorized);
        unauthorized.GetProperty("title").GetString().ShouldBe("Unauthorized");
        await (await client.GetAsync("/api/v1/nowhere")).ShouldBeProblemAsync(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Problems_carry_the_trace_id_of_the_request()
    {
        var client = app.CreateClient();
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        client.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        var problem = await (await client.GetAsync("/api/v1/nowhere")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        problem.GetProperty("traceId").GetString().ShouldBe(traceId);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private Task<(int Users, int Sessions, int Tokens, int Throttles)> CountRowsAsync() => app.WithDbAsync(async db =>
        (await db.Users.CountAsync(), await db.Sessions.CountAsync(), await db.RefreshTokens.CountAsync(), await db.LoginThrottles.CountAsync()));
}
