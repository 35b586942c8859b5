extern alias bench;

using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Bookings;
using Roost.Features.Listings;
using Roost.Tests.GraphQL;
using Roost.Tests.Infrastructure;
using DatasetGenerator = bench::Roost.Bench.DatasetGenerator;
using Options = bench::Roost.Bench.Options;
using SearchScripts = bench::Roost.Bench.SearchScripts;

namespace Roost.Tests.Platform;

/// <summary>
/// `./roost bench seed` writes rows by COPY, past the application: this keeps the generator in step with the schema, so
/// the read benchmark still loads after a migration (it once failed at its first COPY for a new NOT NULL column), and
/// its pgbench scripts keep up with the search's SQL (they once lacked a value for a new parameter).
/// </summary>
public sealed class BenchDatasetTests(ApiOnlyApp app) : IClassFixture<ApiOnlyApp>
{
    [Fact]
    public async Task The_bench_dataset_loads_into_a_migrated_database_and_the_api_reads_it()
    {
        var output = Directory.CreateTempSubdirectory("roost-bench-").FullName;
        try
        {
            var before = DateTimeOffset.UtcNow.AddDays(-1);
            (await DatasetGenerator.RunAsync(new Options(40, 7, output, app.ConnectionString))).ShouldBe(0);

            var (bookings, checkedOutLongAgo, listing) = await app.WithDbAsync(async db => (
                await db.Bookings.CountAsync(),
                await db.Bookings.CountAsync(b => b.CheckOutAt < before),
                await db.Listings.AsNoTracking().OrderBy(l => l.Id).FirstAsync()));
            bookings.ShouldBeGreaterThan(0);
            checkedOutLongAgo.ShouldBe(0);
            File.ReadAllText(Path.Combine(output, "dataset.lua")).ShouldContain(listing.Id.ToString());

            var client = app.CreateClient();
            (await (await client.GetAsync($"/api/v1/listings/{listing.Id}")).ReadAsync<ListingResponse>()).Id.ShouldBe(listing.Id);
            var city = Uri.EscapeDataString(listing.Address.City!);
            var found = await (await client.GetAsync($"/api/v1/listings?location={city}&limit=5")).ReadAsync<JsonElement>();
            found.GetProperty("items").GetArrayLength().ShouldBeGreaterThan(0);

            // `./roost bench run` hands these to pgbench; a parameter of the search's SQL without a value throws.
            SearchScripts.Write(new Options(40, 7, output, app.ConnectionString)).ShouldBe(0);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
