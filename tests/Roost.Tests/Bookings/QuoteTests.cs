using System.Net;
using System.Net.Http.Json;
using Roost.Features.Bookings;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Bookings;

[Collection(ApiCollection.Name)]
public sealed class QuoteTests(RoostApp app)
{
    private static DateOnly NextWeekday(DateOnly from, DayOfWeek day) => from.AddDays(((int)day - (int)from.DayOfWeek + 7) % 7);

    [Fact]
    public async Task A_quote_prices_each_night_and_every_line_adds_up_to_the_total()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync(new
        {
            title = "Flat", description = "Nice", currency = "EUR", nightlyPrice = 10000, weekendPrice = 15000, cleaningFee = 3000,
            extraGuestFee = 1000, extraGuestsAfter = 2, maxGuests = 4, weeklyDiscountPercent = 10, timeZone = "Europe/Lisbon",
            address = new { city = "Lisbon", countryCode = "PT" }, latitude = 38.7, longitude = -9.1, instantBook = true,
        });
        var monday = NextWeekday(TestBookings.Soon(), DayOfWeek.Monday);
        await host.Client.PutAsJsonAsync($"/api/v1/listings/{listing.Id}/calendar", new { from = monday.AddDays(1), to = monday.AddDays(2), price = 12000 });

        var quote = await (await app.CreateClient().GetAsync($"/api/v1/listings/{listing.Id}/quote?checkIn={monday:yyyy-MM-dd}&checkOut={monday.AddDays(7):yyyy-MM-dd}&guests=3"))
            .ReadAsync<Quote>();

        quote.Nights.ShouldBe(7);
        quote.Nightly.Select(n => n.Price.Amount).ShouldBe([10000, 12000, 10000, 10000, 15000, 15000, 10000]);
        quote.Subtotal.Amount.ShouldBe(82000);
        quote.ExtraGuestFee.Amount.ShouldBe(7000);
        quote.Discount.Amount.ShouldBe(8200);
        quote.CleaningFee.Amount.ShouldBe(3000);
        quote.ServiceFee.Amount.ShouldBe(11732);  // 14 % of 83 800
        quote.Taxes.Amount.ShouldBe(5028);        // PT at 6 % in the test configuration
        quote.Total.Amount.ShouldBe(quote.Subtotal.Amount + quote.ExtraGuestFee.Amount + quote.CleaningFee.Amount - quote.Discount.Amount + quote.ServiceFee.Amount + quote.Taxes.Amount);
        quote.HostFee.Amount.ShouldBe(2514);
        quote.HostPayout.Amount.ShouldBe(83800 - 2514);
        quote.Total.Currency.ShouldBe("EUR");
    }

    [Fact]
    public async Task Every_amount_in_a_quote_is_money_with_its_currency_in_both_doors()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync(new
        {
            title = "Flat", description = "Nice", currency = "EUR", nightlyPrice = 10000, timeZone = "Europe/Lisbon",
            address = new { city = "Lisbon", countryCode = "PT" }, latitude = 38.7, longitude = -9.1,
        });
        var stay = $"checkIn={TestBookings.Soon():yyyy-MM-dd}&checkOut={TestBookings.Soon().AddDays(2):yyyy-MM-dd}";
        var rest = await (await app.CreateClient().GetAsync($"/api/v1/listings/{listing.Id}/quote?{stay}")).ReadAsync<System.Text.Json.JsonElement>();

        string[] notMoney = ["listingId", "checkIn", "checkOut", "guests", "infants", "pets", "nights", "nightly", "discountReason", "display", "payPartNow", "freeCancellationUntil"];
        foreach (var line in rest.EnumerateObject().Where(p => !notMoney.Contains(p.Name)))
        {
            line.Value.ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Object, $"{line.Name} is not money");
            line.Value.GetProperty("currency").GetString().ShouldBe("EUR");
        }

        var graph = (await app.CreateClient().GraphQLAsync("{ __type(name: \"Quote\") { fields { name type { ofType { name } } } } }")).ShouldSucceed();
        var graphLines = graph.Data.GetProperty("__type").GetProperty("fields").EnumerateArray()
            .Where(f => !notMoney.Contains(f.GetProperty("name").GetString())).ToList();
        graphLines.Select(f => f.GetProperty("name").GetString()).ShouldBe(rest.EnumerateObject().Select(p => p.Name).Where(n => !notMoney.Contains(n)), ignoreOrder: true);
        foreach (var line in graphLines)
        {
            line.GetProperty("type").GetProperty("ofType").GetProperty("name").GetString().ShouldBe("Money", line.GetProperty("name").GetString());
        }
    }

    [Fact]
    public async Task An_unbookable_stay_is_a_422_listing_every_reason()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync(new
        {
            title = "Flat", description = "Nice", currency = "EUR", nightlyPrice = 10000, maxGuests = 2, minNights = 3, maxNights = 10,
            advanceNoticeDays = 3, bookingWindowMonths = 1, timeZone = "Europe/Lisbon", address = new { city = "Lisbon", countryCode = "PT" },
            latitude = 38.7, longitude = -9.1,
        });
        var client = app.CreateClient();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var soon = await client.GetAsync($"/api/v1/listings/{listing.Id}/quote?checkIn={today.AddDays(1):yyyy-MM-dd}&checkOut={today.AddDays(2):yyyy-MM-dd}&guests=5");
        var errors = (await soon.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["too_many_guests", "advance_notice", "below_minimum_stay"], ignoreOrder: true);

        var far = await client.GetAsync($"/api/v1/listings/{listing.Id}/quote?checkIn={today.AddDays(40):yyyy-MM-dd}&checkOut={today.AddDays(55):yyyy-MM-dd}");
        (await far.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .ShouldBe(["beyond_booking_window", "above_maximum_stay"], ignoreOrder: true);

        var past = await client.GetAsync($"/api/v1/listings/{listing.Id}/quote?checkIn={today.AddDays(-3):yyyy-MM-dd}&checkOut={today.AddDays(1):yyyy-MM-dd}");
        (await past.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("check_in_in_past", out _).ShouldBeTrue();

        await host.Client.PutAsJsonAsync($"/api/v1/listings/{listing.Id}/calendar", new { from = today.AddDays(10), to = today.AddDays(11), available = false });
        var taken = await client.GetAsync($"/api/v1/listings/{listing.Id}/quote?checkIn={today.AddDays(8):yyyy-MM-dd}&checkOut={today.AddDays(12):yyyy-MM-dd}");
        (await taken.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").GetProperty("nights_unavailable")[0].GetString()!
            .ShouldContain($"{today.AddDays(10):yyyy-MM-dd}");

        await host.Client.PostAsync($"/api/v1/listings/{listing.Id}/unpublish", null);
        var unlisted = await client.GetAsync($"/api/v1/listings/{listing.Id}/quote?checkIn={today.AddDays(20):yyyy-MM-dd}&checkOut={today.AddDays(23):yyyy-MM-dd}");
        (await unlisted.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("listing_not_published", out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("checkIn=2030-01-05&checkOut=2030-01-05")]
    [InlineData("checkIn=2030-01-05&checkOut=2030-01-01")]
    [InlineData("checkIn=2030-01-05&checkOut=2030-01-08&guests=0")]
    [InlineData("checkIn=yesterday&checkOut=2030-01-08")]
    [InlineData("checkOut=2030-01-08")]
    public async Task A_malformed_quote_request_is_a_400(string query)
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();

        await (await app.CreateClient().GetAsync($"/api/v1/listings/{listing.Id}/quote?{query}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }
}
