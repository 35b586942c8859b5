using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Bookings;
using Roost.Features.Search;
using Roost.Platform.Http;
using Roost.Platform.Money;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Search;

[Collection(ApiCollection.Name)]
public sealed class DisplayCurrencyTests(RoostApp app)
{
    [Fact]
    public async Task Search_shows_each_price_also_in_the_currency_asked_for_and_refuses_one_without_a_rate()
    {
        // Dated far ahead, so no other test's rates can be newer.
        await app.WithScopeAsync(async services =>
        {
            await ExchangeRateFeed.StoreAsync(services.GetRequiredService<Roost.Platform.Data.RoostDb>(), new DateOnly(2099, 1, 1),
                new Dictionary<string, decimal> { ["EUR"] = 1m, ["USD"] = 1.25m }, DateTimeOffset.UtcNow);
            await services.GetRequiredService<ExchangeRates>().ForgetAsync(CancellationToken.None);
        });
        var host = await app.RegisterHostAsync();
        var (listing, lat, lng) = await host.CreatePublishedAloneAsync();
        var checkIn = TestBookings.Soon(60);
        var around = $"lat={lat}&lng={lng}&radiusKm=2&checkIn={checkIn:yyyy-MM-dd}&checkOut={checkIn.AddDays(3):yyyy-MM-dd}";

        var plain = (await (await app.CreateClient().GetAsync($"/api/v1/listings?{around}")).ReadAsync<Page<SearchResult>>()).Items.Single(i => i.Id == listing.Id);
        var shown = (await (await app.CreateClient().GetAsync($"/api/v1/listings?{around}&currency=usd")).ReadAsync<Page<SearchResult>>()).Items.Single(i => i.Id == listing.Id);

        plain.DisplayTotal.ShouldBeNull();
        (shown.NightlyPrice, shown.Total).ShouldBe((plain.NightlyPrice, plain.Total));
        shown.DisplayNightlyPrice.ShouldBe(new Money(25_000, "USD"));
        shown.DisplayTotal.ShouldBe(new Money((long)Math.Round(plain.Total!.Amount * 1.25m, MidpointRounding.AwayFromZero), "USD"));
        shown.DisplayRatesAsOf.ShouldBe(new DateOnly(2099, 1, 1));

        var graph = (await app.CreateClient().GraphQLAsync($"{{ listings(lat: {lat}, lng: {lng}, radiusKm: 2, currency: \"USD\") {{ edges {{ displayNightlyPrice {{ amount currency }} }} }} }}")).ShouldSucceed();
        graph.Data.GetProperty("listings").GetProperty("edges")[0].GetProperty("displayNightlyPrice").GetProperty("amount").GetInt64().ShouldBe(25_000);
        await (await app.CreateClient().GetAsync($"/api/v1/listings?{around}&currency=XYZ")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await app.CreateClient().GetAsync($"/api/v1/listings?{around}&currency=KWD")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await app.CreateClient().GetAsync($"/api/v1/listings/{listing.Id}/similar?currency=KWD")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_quote_and_the_listing_page_show_their_sums_also_in_the_currency_asked_for_and_a_booking_never_keeps_them()
    {
        await app.WithScopeAsync(async services =>
        {
            await ExchangeRateFeed.StoreAsync(services.GetRequiredService<Roost.Platform.Data.RoostDb>(), new DateOnly(2099, 1, 1),
                new Dictionary<string, decimal> { ["EUR"] = 1m, ["USD"] = 1.25m }, DateTimeOffset.UtcNow);
            await services.GetRequiredService<ExchangeRates>().ForgetAsync(CancellationToken.None);
        });
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var checkIn = TestBookings.Soon(70);
        var stay = $"checkIn={checkIn:yyyy-MM-dd}&checkOut={checkIn.AddDays(2):yyyy-MM-dd}&guests=2";

        var quote = await (await app.CreateClient().GetAsync($"/api/v1/listings/{listing.Id}/quote?{stay}&currency=USD")).ReadAsync<Quote>();

        quote.Total.Currency.ShouldBe("EUR");
        quote.Display.ShouldNotBeNull();
        quote.Display.Total.ShouldBe(new Money((long)Math.Round(quote.Total.Amount * 1.25m, MidpointRounding.AwayFromZero), "USD"));
        quote.Display.RatesAsOf.ShouldBe(new DateOnly(2099, 1, 1));
        (await app.CreateClient().GetStringAsync($"/api/v1/listings/{listing.Id}/quote?{stay}")).ShouldNotContain("display");
        var graph = (await app.CreateClient().GraphQLAsync(
            "query($id: ID!, $in: DateOnly!, $out: DateOnly!) { listing(id: $id) { quote(checkIn: $in, checkOut: $out, guests: 2, currency: \"usd\") { display { total { amount currency } } } } }",
            new { id = listing.Id, @in = checkIn, @out = checkIn.AddDays(2) })).ShouldSucceed();
        graph.Data.GetProperty("listing").GetProperty("quote").GetProperty("display").GetProperty("total").GetProperty("amount").GetInt64().ShouldBe(quote.Display.Total!.Amount);
        await (await app.CreateClient().GetAsync($"/api/v1/listings/{listing.Id}/quote?{stay}&currency=XYZ")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await app.CreateClient().GetAsync($"/api/v1/listings/{listing.Id}/quote?{stay}&currency=KWD")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        var page = await (await app.CreateClient().GetAsync($"/api/v1/listings/{listing.Id}?currency=usd")).ReadAsync<Roost.Features.Listings.ListingResponse>();
        page.Display!.NightlyPrice.ShouldBe(new Money((long)Math.Round(page.NightlyPrice!.Value * 1.25m, MidpointRounding.AwayFromZero), "USD"));
        page.Display.CleaningFee.ShouldBe(new Money((long)Math.Round(page.CleaningFee * 1.25m, MidpointRounding.AwayFromZero), "USD"));
        (await app.CreateClient().GetStringAsync($"/api/v1/listings/{listing.Id}")).ShouldNotContain("\"display\"");
        var detail = (await app.CreateClient().GraphQLAsync("query($id: ID!) { listing(id: $id, currency: \"USD\") { display { nightlyPrice { amount } } } }", new { id = listing.Id })).ShouldSucceed();
        detail.Data.GetProperty("listing").GetProperty("display").GetProperty("nightlyPrice").GetProperty("amount").GetInt64().ShouldBe(page.Display.NightlyPrice!.Amount);
        await (await app.CreateClient().GetAsync($"/api/v1/listings/{listing.Id}?currency=KWD")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        var booking = await (await app.RegisterGuestAsync()).BookAsync(listing.Id, checkIn, 2);
        booking.Quote.Display.ShouldBeNull();
    }
}
