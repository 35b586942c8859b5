using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Platform;

/// <summary>Two API processes of one deployment: what one changes, the other stops serving from its memory.</summary>
public sealed class CacheEvictionTests
{
    // Well inside the 30 s a process would otherwise keep its own copy.
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_change_made_through_one_process_is_not_served_stale_by_another()
    {
        await using var first = new RoostApp();
        await first.InitializeAsync();
        await using var second = new SecondProcess(first);
        await second.InitializeAsync();
        var host = await first.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var reader = second.CreateClient();

        // The second process reads both and keeps them in its memory.
        (await TitleAsync(reader, listing.Id)).ShouldBe(listing.Title);
        (await FirstNameAsync(reader, host.Id)).ShouldBe("Test");

        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { title = "Renamed through the first process" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.Client.PatchAsJsonAsync("/api/v1/me", new { firstName = "Renata" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await SoonAsync(() => TitleAsync(reader, listing.Id), "Renamed through the first process")).ShouldBe("Renamed through the first process");
        (await SoonAsync(() => FirstNameAsync(reader, host.Id), "Renata")).ShouldBe("Renata");
    }

    private static async Task<string?> TitleAsync(HttpClient client, Guid listingId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/listings/{listingId}")).GetProperty("title").GetString();

    private static async Task<string?> FirstNameAsync(HttpClient client, Guid userId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/users/{userId}")).GetProperty("firstName").GetString();

    /// <summary>What the read answers once it shows <paramref name="expected"/>, or what it still answers after <see cref="Within"/>.</summary>
    private static async Task<string?> SoonAsync(Func<Task<string?>> read, string expected)
    {
        var until = DateTimeOffset.UtcNow + Within;
        var seen = await read();
        while (seen != expected && DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(50);
            seen = await read();
        }

        return seen;
    }
}
