using System.Net;
using System.Net.Http.Json;
using Roost.Features.Bookings;
using Roost.Features.Search;
using Roost.Platform.Http;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Search;

/// <summary>The search prices a stay its own way (base and weekend nights by count, corrected by priced nights); it must land on the quote's total.</summary>
[Collection(ApiCollection.Name)]
public sealed class SearchTotalsTests(RoostApp app)
{
    [Fact]
    public async Task A_stays_total_in_search_is_the_quotes_across_weekends_priced_nights_and_discounts()
    {
        var host = await app.RegisterHostAsync();
        var home = await host.CreatePublishedAsync(new
        {
            title = "Harbour loft", description = "Over the boats.", propertyType = "loft", roomType = "entire_place",
            address = new { street = "Hafnarstræti 9", city = "Ísafjörður", region = "Vestfirðir", countryCode = "IS" }, latitude = 66.07, longitude = -23.12,
            timeZone = "Atlantic/Reykjavik", maxGuests = 4, bedrooms = 1, beds = 2, bathrooms = 1, currency = "EUR",
            nightlyPrice = 10_001, weekendPrice = 14_333, cleaningFee = 2_500, extraGuestFee = 1_250, extraGuestsAfter = 2, weeklyDiscountPercent = 12,
        });
        var start = TestBookings.Soon(40);
        var calendar = $"/api/v1/listings/{home.Id}/calendar";
        (await host.Client.PutAsJsonAsync(calendar, new { from = start.AddDays(3), to = start.AddDays(5), price = 21_777 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.Client.PutAsJsonAsync(calendar, new { from = start.AddDays(9), to = start.AddDays(10), minNights = 2 })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var compared = 0;
        for (var offset = 0; offset < 12; offset += 2)
        {
            foreach (var nights in new[] { 1, 2, 3, 5, 8 })
            {
                var (checkIn, checkOut) = (start.AddDays(offset), start.AddDays(offset + nights));
                var dates = $"checkIn={checkIn:yyyy-MM-dd}&checkOut={checkOut:yyyy-MM-dd}&guests=3";
                var found = (await (await app.CreateClient().GetAsync($"/api/v1/listings?location=isafjordur&{dates}")).ReadAsync<Page<SearchResult>>())
                    .Items.SingleOrDefault(i => i.Id == home.Id);
                var quote = await app.CreateClient().GetAsync($"/api/v1/listings/{home.Id}/quote?{dates}");
                if (quote.StatusCode == HttpStatusCode.UnprocessableEntity)
                {
                    found.ShouldBeNull($"{dates} cannot be booked, yet the search offered it");
                    continue;
                }

                found.ShouldNotBeNull($"{dates} can be booked, yet the search left it out");
                found.Total.ShouldBe((await quote.ReadAsync<Quote>()).Total, dates);
                compared++;
            }
        }

        compared.ShouldBeGreaterThan(20);
    }
}
