using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Roost.Features.Bookings;
using Roost.Features.Listings;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Bookings;

/// <summary>A host's last-minute and early-bird discounts, as a guest meets them in quotes, bookings, receipts and search.</summary>
[Collection(ApiCollection.Name)]
public sealed class TimingDiscountTests(RoostApp app)
{
    private static string Stay(DateOnly checkIn, int nights) => $"checkIn={checkIn:yyyy-MM-dd}&checkOut={checkIn.AddDays(nights):yyyy-MM-dd}";

    [Fact]
    public async Task A_stay_booked_late_gets_the_last_minute_discount_one_booked_far_ahead_the_early_bird_one_and_one_between_neither()
    {
        var host = await app.RegisterHostAsync();
        var (listing, lat, lng) = await host.CreatePublishedAloneAsync();
        var settings = await (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}",
            new { lastMinuteDiscountPercent = 20, lastMinuteDays = 7, earlyBirdDiscountPercent = 10, earlyBirdMonths = 3 })).ReadAsync<ListingResponse>();
        (settings.LastMinuteDiscountPercent, settings.LastMinuteDays, settings.EarlyBirdDiscountPercent, settings.EarlyBirdMonths).ShouldBe((20, 7, 10, 3));
        var anyone = app.CreateClient();
        async Task<Quote> QuoteAsync(DateOnly checkIn) => await (await anyone.GetAsync($"/api/v1/listings/{listing.Id}/quote?{Stay(checkIn, 2)}")).ReadAsync<Quote>();

        var late = await QuoteAsync(TestBookings.Soon(3));
        var early = await QuoteAsync(TestBookings.Soon(120));
        var between = await QuoteAsync(TestBookings.Soon(40));

        (late.DiscountReason, late.Discount.Amount).ShouldBe(("last_minute", late.Subtotal.Amount * 20 / 100));
        (early.DiscountReason, early.Discount.Amount).ShouldBe(("early_bird", early.Subtotal.Amount * 10 / 100));
        (between.DiscountReason, between.Discount.Amount).ShouldBe((null, 0L));

        var found = (await (await anyone.GetAsync($"/api/v1/listings?lat={lat}&lng={lng}&radiusKm=1&{Stay(TestBookings.Soon(3), 2)}")).ReadAsync<JsonElement>())
            .GetProperty("items").EnumerateArray().Single();
        found.GetProperty("total").GetProperty("amount").GetInt64().ShouldBe(late.Total.Amount);

        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(3), 2);
        booking.Quote.DiscountReason.ShouldBe("last_minute");
        var receipt = await (await guest.Client.GetAsync($"/api/v1/bookings/{booking.Id}/receipt")).ReadAsync<Receipt>();
        receipt.Lines.ShouldContain(l => l.Item == "discount" && l.Description == "Last-minute discount" && l.Amount.Amount == -late.Discount.Amount);
    }

    [Fact]
    public async Task Timing_discounts_out_of_range_are_refused_and_change_nothing()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();

        await (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { lastMinuteDays = 29 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { earlyBirdDiscountPercent = 91 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { earlyBirdMonths = 0 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var unchanged = await (await host.Client.GetAsync($"/api/v1/listings/{listing.Id}")).ReadAsync<ListingResponse>();
        (unchanged.LastMinuteDiscountPercent, unchanged.LastMinuteDays, unchanged.EarlyBirdDiscountPercent, unchanged.EarlyBirdMonths).ShouldBe((0, 7, 0, 3));
    }
}
