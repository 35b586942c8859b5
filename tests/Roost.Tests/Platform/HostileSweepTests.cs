using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Roost.Tests.GraphQL;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Platform;

/// <summary>
/// Every route in the OpenAPI document, fed what a fuzzer feeds it: broken JSON, each body field set in turn to a
/// wrong type, an extreme number, a NUL, an impossible date, and each query parameter to garbage. None may answer
/// with a server error, and every refusal is a problem document. A route added later is swept without a change here.
/// </summary>
public sealed class HostileSweepTests(ApiOnlyApp app) : IClassFixture<ApiOnlyApp>
{
    private static readonly string[] QueryValues =
        ["", "-1", "0", "abc", "99999999999999999999", "2020-13-45", "0001-01-01", "9999-12-31", "%00", "%27%20OR%201%3D1--", new('x', 3000), "NaN", "1e309"];

    private static readonly string[] RawBodies = ["", "{", "[]", "null", "42", "\"x\"", "{\"unknown\":1}", "\uFEFF{}"];

    private static readonly JsonNode?[] FieldValues =
    [
        null, 1e308, -1, 0, 2147483648, 9223372036854775807, 1.5, true, "x", "\u0000", "9999-12-31", "0001-01-01", "2026-02-30",
        "25:99", new string('x', 70_000), new JsonArray(), new JsonObject(), new JsonArray((JsonNode?)null),
    ];

    // These end the callers' own sessions or delete what the sweep stands on.
    private static readonly string[] Skipped = ["POST /api/v1/auth/logout", "DELETE"];

    [Fact]
    public async Task Hostile_input_on_every_route_is_a_problem_and_never_a_server_error()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(), 2);
        var admin = await app.RegisterAdminAsync();
        var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var failures = new List<string>();
        var sent = 0;

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var method = operation.Name.ToUpperInvariant();
                if (Skipped.Any(s => $"{method} {path.Name}".StartsWith(s, StringComparison.Ordinal)))
                {
                    continue;
                }

                var caller = path.Name.Contains("/admin/", StringComparison.Ordinal) ? admin
                    : path.Name.Contains("/bookings", StringComparison.Ordinal) || path.Name.Contains("/me", StringComparison.Ordinal) ? guest
                    : host;
                var url = Fill(path.Name, listing.Id, booking.Id);
                foreach (var query in Parameters(operation.Value, "query"))
                {
                    foreach (var value in QueryValues)
                    {
                        await SendAsync(caller, method, $"{url}?{query}={value}", null, $"?{query}={value[..Math.Min(value.Length, 20)]}");
                    }
                }

                if (BodySchema(operation.Value, schemas) is not { } body)
                {
                    continue;
                }

                foreach (var raw in RawBodies)
                {
                    await SendAsync(caller, method, url, raw, $"body {raw}");
                }

                foreach (var field in body.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name) : [])
                {
                    foreach (var value in FieldValues)
                    {
                        var json = new JsonObject { [field] = value?.DeepClone() }.ToJsonString();
                        await SendAsync(caller, method, url, json, $"{field}={value?.ToJsonString()[..Math.Min(value.ToJsonString().Length, 20)] ?? "null"}");
                    }
                }
            }
        }

        failures.ShouldBeEmpty($"{failures.Count} of {sent} requests: {string.Join("; ", failures.Take(20))}");
        sent.ShouldBeGreaterThan(1000);

        async Task SendAsync(TestUser caller, string method, string url, string? json, string what)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            }

            using var response = await caller.Client.SendAsync(request);
            sent++;
            var status = (int)response.StatusCode;
            var isProblem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            if (status >= 500 || (status >= 400 && !isProblem))
            {
                failures.Add($"{method} {url} {what} -> {status}");
            }
        }
    }

    /// <summary>Real ids where the route names a listing or a booking, so the request reaches the feature's rules.</summary>
    private static string Fill(string template, Guid listingId, Guid bookingId)
    {
        var segments = template.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].StartsWith('{'))
            {
                segments[i] = (i > 0 ? segments[i - 1] : "") switch
                {
                    "listings" => listingId.ToString(),
                    "bookings" => bookingId.ToString(),
                    _ => Guid.NewGuid().ToString(),
                };
            }
        }

        return string.Join('/', segments);
    }

    private static IEnumerable<string> Parameters(JsonElement operation, string where) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == where).Select(p => p.GetProperty("name").GetString()!).ToList()
            : [];

    private static JsonElement? BodySchema(JsonElement operation, JsonElement schemas)
    {
        if (!operation.TryGetProperty("requestBody", out var body) || !body.GetProperty("content").TryGetProperty("application/json", out var json))
        {
            return null;
        }

        var schema = json.GetProperty("schema");
        return schema.TryGetProperty("$ref", out var reference) ? schemas.GetProperty(reference.GetString()!.Split('/')[^1]) : schema;
    }
}
