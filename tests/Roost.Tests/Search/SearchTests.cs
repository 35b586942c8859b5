using System.Net;
using Roost.Features.Bookings;
using Roost.Features.Search;
using Roost.Platform.Http;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Search;

/// <summary>A small known world in a database of its own, so every assertion can name exactly what comes back.</summary>
public sealed class SearchWorld : RoostApp
{
    public TestUser Host { get; private set; } = null!;

    public Dictionary<string, Guid> Listings { get; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Host = await this.RegisterHostAsync();
        await AddAsync("lisbon-cheap", "Lisbon", "Lisboa", "PT", 38.7223, -9.1393, 8000, guests: 2, amenities: ["wifi"], type: "apartment", instant: true);
        await AddAsync("lisbon-big", "Lisbon", "Lisboa", "PT", 38.7300, -9.1500, 25000, guests: 8, amenities: ["wifi", "pool", "kitchen"], type: "house", instant: false, bedrooms: 4, policy: "strict");
        await AddAsync("lisbon-mid", "Lisbon", "Lisboa", "PT", 38.7100, -9.1300, 15000, guests: 4, amenities: ["wifi", "kitchen"], type: "apartment", instant: true, minNights: 3);
        await AddAsync("porto", "Porto", "Porto", "PT", 41.1579, -8.6291, 9000, guests: 4, amenities: ["kitchen"], type: "apartment", instant: true);
        await AddAsync("krakow", "Kraków", "Małopolska", "PL", 50.0647, 19.9450, 20000, guests: 3, amenities: ["wifi"], type: "loft", instant: true, currency: "PLN");
        await AddAsync("zurich", "Zürich", "Zürich", "CH", 47.3769, 8.5417, 30000, guests: 2, amenities: ["wifi"], type: "apartment", instant: true, currency: "CHF", notice: 7);
    }

    private async Task AddAsync(string name, string city, string region, string country, double lat, double lng, long price, int guests,
        string[] amenities, string type, bool instant, int bedrooms = 1, int minNights = 1, string currency = "EUR", int notice = 0, string policy = "moderate")
    {
        var listing = await Host.CreatePublishedAsync(new
        {
            title = name, description = "A test home", currency, nightlyPrice = price, cleaningFee = 2000, maxGuests = guests,
            bedrooms, beds = bedrooms, amenities, propertyType = type, roomType = "entire_place", instantBook = instant,
            minNights, advanceNoticeDays = notice, address = new { city, region, countryCode = country }, latitude = lat, longitude = lng, cancellationPolicy = policy,
            timeZone = country switch { "PT" => "Europe/Lisbon", "PL" => "Europe/Warsaw", _ => "Europe/Zurich" },
        });
        Listings[name] = listing.Id;
    }
}

public sealed class SearchTests(SearchWorld world) : IClassFixture<SearchWorld>
{
    private static readonly DateOnly Day = TestBookings.Soon(45);

    private async Task<List<string>> NamesAsync(string query)
    {
        var page = await SearchAsync(query);
        return page.Items.Select(i => i.Title).ToList();
    }

    private async Task<Page<SearchResult>> SearchAsync(string query)
    {
        var response = await world.CreateClient().GetAsync($"/api/v1/listings?{query}");
        return await response.ReadAsync<Page<SearchResult>>();
    }

    [Theory]
    [InlineData("location=lisbon", new[] { "lisbon-cheap", "lisbon-big", "lisbon-mid" })]
    [InlineData("location=LISBN", new[] { "lisbon-cheap", "lisbon-big", "lisbon-mid" })]
    [InlineData("location=krakow", new[] { "krakow" })]
    [InlineData("location=zurich", new[] { "zurich" })]
    [InlineData("location=porto", new[] { "porto" })]
    public async Task Location_is_case_accent_and_typo_tolerant(string query, string[] expected) =>
        (await NamesAsync(query)).ShouldBe(expected, ignoreOrder: true);

    [Fact]
    public async Task A_map_box_and_a_radius_keep_to_their_area_and_distance_sorts_nearest_first()
    {
        (await NamesAsync("bbox=38.0,-10.0,39.0,-9.0")).ShouldBe(["lisbon-cheap", "lisbon-big", "lisbon-mid"], ignoreOrder: true);
        (await NamesAsync("lat=38.7100&lng=-9.1300&radiusKm=100&sort=distance")).ShouldBe(["lisbon-mid", "lisbon-cheap", "lisbon-big"]);
        (await NamesAsync("lat=38.7100&lng=-9.1300&radiusKm=300&sort=distance")).ShouldBe(["lisbon-mid", "lisbon-cheap", "lisbon-big", "porto"]);
    }

    [Fact]
    public async Task Results_and_map_filters_never_give_a_home_away()
    {
        // lisbon-cheap is at 38.7223, -9.1393; its public point is 38.722, -9.139, about 40 m off.
        var result = (await SearchAsync("location=lisbon&limit=10")).Items.Single(i => i.Title == "lisbon-cheap");
        (result.Latitude, result.Longitude).ShouldBe((38.722, -9.139));

        // Narrowing a circle or a box around the exact spot finds nothing; around the public point, the listing.
        (await NamesAsync("lat=38.7223&lng=-9.1393&radiusKm=0.02")).ShouldBeEmpty();
        (await NamesAsync("lat=38.722&lng=-9.139&radiusKm=0.02")).ShouldBe(["lisbon-cheap"]);
        (await NamesAsync("bbox=38.7222,-9.1394,38.7224,-9.1392")).ShouldBeEmpty();
        (await NamesAsync("bbox=38.7219,-9.1391,38.7221,-9.1389")).ShouldBe(["lisbon-cheap"]);

        var graph = await world.CreateClient().GraphQLAsync("{ listings(lat: 38.7223, lng: -9.1393, radiusKm: 1) { nodes { title latitude longitude } } }");
        graph.ShouldSucceed().Data.GetProperty("listings").GetProperty("nodes")[0].ToString().ShouldBe("""{"title":"lisbon-cheap","latitude":38.722,"longitude":-9.139}""");
    }

    [Fact]
    public async Task Filters_do_what_they_say()
    {
        (await NamesAsync("location=lisbon&guests=5")).ShouldBe(["lisbon-big"]);
        (await NamesAsync("location=lisbon&amenities=wifi,kitchen")).ShouldBe(["lisbon-big", "lisbon-mid"], ignoreOrder: true);
        (await NamesAsync("location=lisbon&propertyType=house")).ShouldBe(["lisbon-big"]);
        (await NamesAsync("location=lisbon&instantBook=true")).ShouldBe(["lisbon-cheap", "lisbon-mid"], ignoreOrder: true);
        (await NamesAsync("location=lisbon&minBedrooms=2")).ShouldBe(["lisbon-big"]);
        (await NamesAsync("location=lisbon&minPrice=9000&maxPrice=20000")).ShouldBe(["lisbon-mid"]);
        (await NamesAsync("location=lisbon&roomType=shared_room")).ShouldBeEmpty();
        (await NamesAsync("location=lisbon&cancellationPolicy=strict")).ShouldBe(["lisbon-big"]);
        (await NamesAsync("location=lisbon&cancellationPolicy=flexible,moderate")).ShouldBe(["lisbon-cheap", "lisbon-mid"], ignoreOrder: true);
        var graph = (await world.CreateClient().GraphQLAsync("""{ listings(location: "lisbon", cancellationPolicy: ["non_refundable", "strict"]) { nodes { title } } }""")).ShouldSucceed();
        graph.Data.GetProperty("listings").GetProperty("nodes").ToString().ShouldBe("""[{"title":"lisbon-big"}]""");
    }

    [Fact]
    public async Task Sorting_by_price_both_ways()
    {
        (await NamesAsync("location=lisbon&sort=price")).ShouldBe(["lisbon-cheap", "lisbon-mid", "lisbon-big"]);
        (await NamesAsync("location=lisbon&sort=-price")).ShouldBe(["lisbon-big", "lisbon-mid", "lisbon-cheap"]);
        (await NamesAsync("location=pt&sort=newest")).Count.ShouldBe(4);
    }

    [Fact]
    public async Task Pages_never_repeat_or_skip_a_listing_in_any_sort()
    {
        foreach (var sort in new[] { "relevance", "price", "-price", "rating", "newest" })
        {
            var all = await NamesAsync($"sort={sort}&limit=50");
            var paged = new List<string>();
            string? cursor = null;
            do
            {
                var page = await SearchAsync($"sort={sort}&limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
                paged.AddRange(page.Items.Select(i => i.Title));
                cursor = page.NextCursor;
            }
            while (cursor is not null);

            paged.ShouldBe(all, $"sort={sort}");
            paged.Count.ShouldBe(world.Listings.Count);
        }
    }

    [Fact]
    public async Task With_dates_only_free_bookable_stays_come_back_with_the_quotes_total()
    {
        var query = $"location=lisbon&checkIn={Day:yyyy-MM-dd}&checkOut={Day.AddDays(3):yyyy-MM-dd}&guests=2";
        var page = await SearchAsync(query);
        page.Items.Select(i => i.Title).ShouldBe(["lisbon-cheap", "lisbon-big", "lisbon-mid"], ignoreOrder: true);

        foreach (var item in page.Items)
        {
            var quote = await (await world.CreateClient().GetAsync($"/api/v1/listings/{item.Id}/quote?checkIn={Day:yyyy-MM-dd}&checkOut={Day.AddDays(3):yyyy-MM-dd}&guests=2")).ReadAsync<Quote>();
            item.Total.ShouldBe(quote.Total);
        }

        (await NamesAsync($"location=lisbon&checkIn={Day:yyyy-MM-dd}&checkOut={Day.AddDays(2):yyyy-MM-dd}")).ShouldNotContain("lisbon-mid");
        (await NamesAsync($"location=zurich&checkIn={TestBookings.Soon(2):yyyy-MM-dd}&checkOut={TestBookings.Soon(4):yyyy-MM-dd}")).ShouldBeEmpty();
        (await NamesAsync($"location=zurich&checkIn={TestBookings.Soon(10):yyyy-MM-dd}&checkOut={TestBookings.Soon(12):yyyy-MM-dd}")).ShouldBe(["zurich"]);
    }

    [Fact]
    public async Task A_booked_night_excludes_a_listing_at_once_and_its_checkout_day_stays_free()
    {
        var checkIn = TestBookings.Soon(80);
        var guest = await world.RegisterGuestAsync();
        var porto = world.Listings["porto"];
        var before = $"location=porto&checkIn={checkIn:yyyy-MM-dd}&checkOut={checkIn.AddDays(2):yyyy-MM-dd}";
        (await NamesAsync(before)).ShouldBe(["porto"]);

        await guest.BookAsync(porto, checkIn, 2);

        (await NamesAsync(before)).ShouldBeEmpty();
        (await NamesAsync($"location=porto&checkIn={checkIn.AddDays(1):yyyy-MM-dd}&checkOut={checkIn.AddDays(4):yyyy-MM-dd}")).ShouldBeEmpty();
        (await NamesAsync($"location=porto&checkIn={checkIn.AddDays(2):yyyy-MM-dd}&checkOut={checkIn.AddDays(4):yyyy-MM-dd}")).ShouldBe(["porto"]);
        (await NamesAsync($"location=porto&checkIn={checkIn.AddDays(-2):yyyy-MM-dd}&checkOut={checkIn:yyyy-MM-dd}")).ShouldBe(["porto"]);
    }

    [Theory]
    [InlineData("sort=cheapest", "sort")]
    [InlineData("checkIn=2030-01-10&checkOut=2030-01-05", "checkOut")]
    [InlineData("checkIn=2020-01-01&checkOut=2020-01-05", "checkIn")]
    [InlineData("checkIn=2030-01-01&checkOut=2036-01-01", "checkOut")]
    [InlineData("checkIn=2030-01-01", "checkOut")]
    [InlineData("bbox=39,-10,38,-9", "bbox")]
    [InlineData("bbox=1,2,3", "bbox")]
    [InlineData("lat=38.7&lng=-9.1&radiusKm=501", "radiusKm")]
    [InlineData("lat=38.7", "lat")]
    [InlineData("limit=51", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("cursor=tampered", "cursor")]
    [InlineData("sort=distance", "sort")]
    [InlineData("guests=0", "guests")]
    [InlineData("amenities=helipad", "amenities")]
    [InlineData("propertyType=castle", "propertyType")]
    [InlineData("cancellationPolicy=lenient", "cancellationPolicy")]
    [InlineData("minPrice=500&maxPrice=100", "minPrice")]
    public async Task Bad_search_input_is_a_400_naming_the_parameter(string query, string parameter)
    {
        var problem = await (await world.CreateClient().GetAsync($"/api/v1/listings?{query}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty(parameter, out _).ShouldBeTrue(problem.ToString());
    }

    [Fact]
    public async Task A_cursor_from_one_sort_is_refused_by_another()
    {
        var page = await SearchAsync("sort=price&limit=1");

        await (await world.CreateClient().GetAsync($"/api/v1/listings?sort=newest&cursor={page.NextCursor}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }
}
