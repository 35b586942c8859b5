using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Accounts;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Platform;

public enum Actor
{
    Anonymous,
    Guest,
    OtherGuest,
    Host,
    OtherHost,
    Admin,
}

/// <summary>The people in one row of the matrix; the guest owns the resources other actors try to reach.</summary>
public sealed record MatrixWorld(TestUser Guest, TestUser OtherGuest, TestUser Host, TestUser OtherHost, TestUser Admin, Guid GuestSessionId)
{
    public TestUser? User(Actor actor) => actor switch
    {
        Actor.Guest => Guest,
        Actor.OtherGuest => OtherGuest,
        Actor.Host => Host,
        Actor.OtherHost => OtherHost,
        Actor.Admin => Admin,
        _ => null,
    };
}

/// <summary>
/// Every route the app registers, with the answer each kind of caller must get. A route added without a row here
/// fails <see cref="Every_registered_route_has_a_row"/>; later features add their rows.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AuthorizationMatrixTests(RoostApp app)
{
    private sealed record Row(Func<MatrixWorld, Actor, HttpRequestMessage> Request, int Anonymous, int Guest, int OtherGuest, int Host, int OtherHost, int Admin)
    {
        public int Expected(Actor actor) => actor switch
        {
            Actor.Anonymous => Anonymous,
            Actor.Guest => Guest,
            Actor.OtherGuest => OtherGuest,
            Actor.Host => Host,
            Actor.OtherHost => OtherHost,
            _ => Admin,
        };
    }

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    private static HttpRequestMessage Send(HttpMethod method, string url, object? body = null) =>
        new(method, url) { Content = body is null ? null : JsonContent.Create(body) };

    private static readonly Dictionary<string, Row> Matrix = new()
    {
        ["POST /api/v1/auth/register"] = new((_, _) => Send(HttpMethod.Post, "/api/v1/auth/register", TestUsers.RegisterBody()), 201, 201, 201, 201, 201, 201),
        ["POST /api/v1/auth/login"] = new((w, _) => Send(HttpMethod.Post, "/api/v1/auth/login", new { email = w.Guest.Email, password = w.Guest.Password }), 200, 200, 200, 200, 200, 200),
        ["POST /api/v1/auth/refresh"] = new((w, a) => Send(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = w.User(a)?.RefreshToken ?? "no-token-of-mine" }), 401, 200, 200, 200, 200, 200),
        ["POST /api/v1/auth/logout"] = new((_, _) => Send(HttpMethod.Post, "/api/v1/auth/logout"), 401, 204, 204, 204, 204, 204),
        ["GET /api/v1/me/"] = new((_, _) => Get("/api/v1/me"), 401, 200, 200, 200, 200, 200),
        ["PATCH /api/v1/me/"] = new((_, _) => Send(HttpMethod.Patch, "/api/v1/me", new { firstName = "Changed" }), 401, 200, 200, 200, 200, 200),
        ["POST /api/v1/me/host"] = new((_, _) => Send(HttpMethod.Post, "/api/v1/me/host"), 401, 200, 200, 200, 200, 200),
        ["GET /api/v1/me/sessions"] = new((_, _) => Get("/api/v1/me/sessions"), 401, 200, 200, 200, 200, 200),
        ["DELETE /api/v1/me/sessions/{id:guid}"] = new((w, _) => Send(HttpMethod.Delete, $"/api/v1/me/sessions/{w.GuestSessionId}"), 401, 204, 404, 404, 404, 404),
        ["GET /api/v1/users/{id:guid}"] = new((w, _) => Get($"/api/v1/users/{w.Guest.Id}"), 200, 200, 200, 200, 200, 200),
        ["* /health/live"] = new((_, _) => Get("/health/live"), 200, 200, 200, 200, 200, 200),
        ["* /health/ready"] = new((_, _) => Get("/health/ready"), 200, 200, 200, 200, 200, 200),
        ["GET /openapi/{documentName}.json"] = new((_, _) => Get("/openapi/v1.json"), 200, 200, 200, 200, 200, 200),
        ["GET /docs/{documentName?}"] = new((_, _) => Get("/docs/v1"), 200, 200, 200, 200, 200, 200),
        ["GET /docs/scalar.js"] = new((_, _) => Get("/docs/scalar.js"), 200, 200, 200, 200, 200, 200),
        ["GET /docs/scalar.aspnetcore.js"] = new((_, _) => Get("/docs/scalar.aspnetcore.js"), 200, 200, 200, 200, 200, 200),
        ["GET /docs/favicon.svg"] = new((_, _) => Get("/docs/favicon.svg"), 200, 200, 200, 200, 200, 200),
        ["* /jobs/{**path}"] = new((_, _) => Get("/jobs"), 401, 403, 403, 403, 403, 200),
    };

    [Fact]
    public void Every_registered_route_has_a_row()
    {
        var registered = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} {e.RoutePattern.RawText}"))
            .Distinct()
            .ToList();

        registered.Except(Matrix.Keys).ShouldBeEmpty("routes without a row in the authorization matrix");
        Matrix.Keys.Except(registered).ShouldBeEmpty("rows for routes that no longer exist");
    }

    [Fact]
    public async Task Every_route_answers_each_caller_as_the_matrix_says()
    {
        var mismatches = new List<string>();
        foreach (var (route, row) in Matrix)
        {
            // A fresh world per route: logout and ending sessions must not spoil the next row.
            var world = await NewWorldAsync();
            foreach (var actor in Enum.GetValues<Actor>())
            {
                using var request = row.Request(world, actor);
                var client = world.User(actor) is { } user ? app.ClientWithToken(user.AccessToken) : app.CreateClient();
                var response = await client.SendAsync(request);
                if ((int)response.StatusCode != row.Expected(actor))
                {
                    mismatches.Add($"{route} as {actor}: expected {row.Expected(actor)}, got {(int)response.StatusCode}");
                }
            }
        }

        mismatches.ShouldBeEmpty();
    }

    [Fact]
    public async Task Private_reads_return_only_the_callers_own_data()
    {
        var world = await NewWorldAsync();
        foreach (var actor in new[] { Actor.OtherGuest, Actor.Host, Actor.Admin })
        {
            var client = world.User(actor)!.Client;
            var me = await client.GetFromJsonAsync<UserResponse>("/api/v1/me");
            me!.Id.ShouldBe(world.User(actor)!.Id);
            var sessions = await client.GetFromJsonAsync<List<SessionResponse>>("/api/v1/me/sessions");
            sessions!.ShouldNotContain(s => s.Id == world.GuestSessionId);
        }
    }

    private async Task<MatrixWorld> NewWorldAsync()
    {
        var guest = await app.RegisterGuestAsync();
        var sessions = await guest.Client.GetFromJsonAsync<List<SessionResponse>>("/api/v1/me/sessions");
        return new MatrixWorld(
            guest,
            await app.RegisterGuestAsync(),
            await app.RegisterHostAsync(),
            await app.RegisterHostAsync(),
            await app.RegisterAdminAsync(),
            sessions!.Single().Id);
    }
}
