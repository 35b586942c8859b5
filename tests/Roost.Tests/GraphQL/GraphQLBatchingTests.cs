using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Roost.Features.Bookings;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.GraphQL;

/// <summary>An API-only app (no job server), so every SQL statement on its database during a request is the request's.</summary>
public sealed class ApiOnlyApp : RoostApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings) { ["Roost:Role"] = "api" };

    public string DatabaseName => new NpgsqlConnectionStringBuilder(ConnectionString).Database!;
}

public sealed class GraphQLBatchingTests(ApiOnlyApp app) : IClassFixture<ApiOnlyApp>
{
    private const string PageQuery =
        """
        query ($town: String!, $first: Int!) {
          listings(location: $town, first: $first) {
            edges { node { id title amenities { code } photos { url } host { id firstName } reviews(first: 3) { items { rating author { firstName } } } } }
            pageInfo { hasNextPage }
          }
        }
        """;

    [Fact]
    public async Task Fifty_listings_with_hosts_photos_amenities_and_three_reviews_each_take_a_bounded_number_of_statements()
    {
        var town = $"Batchville{Guid.NewGuid():N}"[..18];
        var hosts = new List<TestUser>();
        for (var h = 0; h < 5; h++)
        {
            hosts.Add(await app.RegisterHostAsync());
        }

        var listings = new List<Guid>();
        for (var i = 0; i < 50; i++)
        {
            var listing = await hosts[i % hosts.Count].CreatePublishedAsync();
            (await hosts[i % hosts.Count].Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { address = new { city = town, countryCode = "PT" } })).EnsureSuccessStatusCode();
            listings.Add(listing.Id);
        }

        await ReviewAsync(listings[0], stays: 4);
        await ReviewAsync(listings[1], stays: 1);

        var small = await CountStatementsAsync(town, 10);
        var large = await CountStatementsAsync(town, 50);

        large.Edges.ShouldBe(50);
        large.Photos.ShouldBe(50, "each listing comes with its one photo");
        large.Reviewed.ShouldBe(4, "three reviews of the first listing and one of the second");
        small.Edges.ShouldBe(10);
        // The search, the listings with their photos, their hosts, the reviews, the reviews' authors.
        large.Statements.ShouldBeLessThanOrEqualTo(5);
        small.Statements.ShouldBeLessThanOrEqualTo(5, "the count does not grow with the page");
    }

    private async Task<(int Statements, int Edges, int Reviewed, int Photos)> CountStatementsAsync(string town, int first)
    {
        var statements = 0;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                var database = activity.GetTagItem("db.namespace") ?? activity.GetTagItem("db.name");
                if (Equals(database, app.DatabaseName) && activity.OperationName != "connect")
                {
                    Interlocked.Increment(ref statements);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var result = (await app.CreateClient().GraphQLAsync(PageQuery, new { town, first })).ShouldSucceed();
        var edges = result.Data.GetProperty("listings").GetProperty("edges");
        var reviewed = edges.EnumerateArray().Sum(e => e.GetProperty("node").GetProperty("reviews").GetProperty("items").GetArrayLength());
        var photos = edges.EnumerateArray().Sum(e => e.GetProperty("node").GetProperty("photos").GetArrayLength());
        return (Volatile.Read(ref statements), edges.GetArrayLength(), reviewed, photos);
    }

    /// <summary>Completed stays with published guest reviews, through the real booking and review flow.</summary>
    private async Task ReviewAsync(Guid listingId, int stays)
    {
        for (var i = 0; i < stays; i++)
        {
            var guest = await app.RegisterGuestAsync();
            var booking = await guest.BookAsync(listingId, TestBookings.Soon(30 + (i * 5)), 2);
            await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE bookings SET check_in = current_date - 3, check_out = current_date - 1, check_out_at = now() - interval '1 day' WHERE id = {booking.Id}"));
            await app.WithScopeAsync(services => services.GetRequiredService<BookingJobs>().CompleteDueAsync());
            (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/reviews", new
            {
                rating = 4,
                comment = $"Stay {i}",
                categories = new { cleanliness = 4, accuracy = 4, checkIn = 4, communication = 4, location = 4, value = 4 },
            })).EnsureSuccessStatusCode();
        }

        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE reviews SET published_at = submitted_at WHERE listing_id = {listingId}"));
    }
}
