using System.Net;
using System.Net.Http.Json;
using Roost.Features.Bookings;
using Roost.Features.Search;
using Roost.Platform.Http;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Search;

/// <summary>
/// The search decides bookability and prices a stay its own way, in SQL over many listings at once (notice and window
/// bounds worked out ahead, nights priced by count plus priced nights); it must agree with the quote, stay by stay.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SearchAgreesWithQuoteTests(RoostApp app)
{
    /// <summary>Offered by the search exactly when the quote can be booked, and at the quote's total.</summary>
    private async Task<bool> AgreesAsync(Guid listingId, string location, DateOnly checkIn, DateOnly checkOut, int guests)
    {
        var dates = $"checkIn={checkIn:yyyy-MM-dd}&checkOut={checkOut:yyyy-MM-dd}&guests={guests}";
        var found = (await (await app.CreateClient().GetAsync($"/api/v1/listings?location={location}&{dates}")).ReadAsync<Page<SearchResult>>())
            .Items.SingleOrDefault(i => i.Id == listingId);
        var quote = await app.CreateClient().GetAsync($"/api/v1/listings/{listingId}/quote?{dates}");
        if (quote.StatusCode == HttpStatusCode.UnprocessableEntity)
        {
            found.ShouldBeNull($"{dates} cannot be booked, yet the search offered it");
            return false;
        }

        found.ShouldNotBeNull($"{dates} can be booked, yet the search left it out");
        found.Total.ShouldBe((await quote.ReadAsync<Quote>()).Total, dates);
        return true;
    }

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
                compared += await AgreesAsync(home.Id, "isafjordur", start.AddDays(offset), start.AddDays(offset + nights), 3) ? 1 : 0;
            }
        }

        compared.ShouldBeGreaterThan(20);
    }

    [Fact]
    public async Task Advance_notice_and_the_booking_window_end_where_the_quote_says_in_a_zone_a_day_ahead_of_utc()
    {
        var host = await app.RegisterHostAsync();
        var home = await host.CreatePublishedAsync(new
        {
            title = "Lagoon hut", description = "Where the day starts.", propertyType = "cabin", roomType = "entire_place",
            address = new { street = "Main Road 1", city = "Kiritimati", countryCode = "KI" }, latitude = 1.87, longitude = -157.4,
            timeZone = "Pacific/Kiritimati", maxGuests = 2, bedrooms = 1, beds = 1, bathrooms = 1, currency = "AUD",
            nightlyPrice = 9_000, cleaningFee = 0, advanceNoticeDays = 2, bookingWindowMonths = 1,
        });
        var utcToday = DateOnly.FromDateTime(DateTime.UtcNow);

        var offered = 0;
        for (var lead = 0; lead <= 4; lead++)
        {
            offered += await AgreesAsync(home.Id, "kiritimati", utcToday.AddDays(lead), utcToday.AddDays(lead + 2), 2) ? 1 : 0;
        }

        var monthAhead = utcToday.AddMonths(1);
        for (var end = -3; end <= 3; end++)
        {
            offered += await AgreesAsync(home.Id, "kiritimati", monthAhead.AddDays(end - 2), monthAhead.AddDays(end), 2) ? 1 : 0;
        }

        offered.ShouldBeInRange(3, 11);
    }
}
