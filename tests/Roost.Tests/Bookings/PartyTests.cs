using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Roost.Features.Bookings;
using Roost.Features.Listings;
using Roost.Platform.Http;
using Roost.Tests.Infrastructure;
using Roost.Tests.Payments;

namespace Roost.Tests.Bookings;

/// <summary>Who comes besides the guests: infants (free, not counted) and pets (only where welcome, with the host's fee).</summary>
[Collection(ApiCollection.Name)]
public sealed class PartyTests(RoostApp app) : MovesMoney
{
    protected override RoostApp Books => app;

    private static string Stay(DateOnly checkIn, int nights) => $"checkIn={checkIn:yyyy-MM-dd}&checkOut={checkIn.AddDays(nights):yyyy-MM-dd}";

    private async Task<(TestUser Host, ListingResponse Listing)> PetFriendlyAsync(int maxPets = 1, long petFee = 2_500)
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var edited = await (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { maxPets, petFee })).ReadAsync<ListingResponse>();
        return (host, edited);
    }

    [Fact]
    public async Task Welcoming_pets_shows_the_pets_allowed_amenity_and_the_amenity_alone_is_refused()
    {
        var (host, listing) = await PetFriendlyAsync(maxPets: 2);
        listing.Amenities.Select(a => a.Code).ShouldContain(AmenityCatalogue.PetsAllowed);
        (listing.MaxPets, listing.PetFee).ShouldBe((2, 2_500L));

        var noPets = await (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { maxPets = 0 })).ReadAsync<ListingResponse>();
        noPets.Amenities.Select(a => a.Code).ShouldNotContain(AmenityCatalogue.PetsAllowed);

        var amenityAlone = await (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { amenities = new[] { "wifi", "pets_allowed" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        amenityAlone.GetProperty("errors").TryGetProperty("maxPets", out _).ShouldBeTrue();
        await (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { maxPets = 6 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var unchanged = await (await host.Client.GetAsync($"/api/v1/listings/{listing.Id}")).ReadAsync<ListingResponse>();
        unchanged.Amenities.Select(a => a.Code).ShouldBe(["kitchen", "wifi"]);
        unchanged.MaxPets.ShouldBe(0);
    }

    [Fact]
    public async Task Infants_are_not_counted_against_the_homes_size_and_a_pet_costs_the_hosts_fee_once_in_both_doors()
    {
        var (_, listing) = await PetFriendlyAsync();
        var anyone = app.CreateClient();
        var stay = Stay(TestBookings.Soon(30), 3);

        var quote = await (await anyone.GetAsync($"/api/v1/listings/{listing.Id}/quote?{stay}&guests=4&infants=2&pets=1")).ReadAsync<Quote>();
        var withoutPet = await (await anyone.GetAsync($"/api/v1/listings/{listing.Id}/quote?{stay}&guests=4&infants=2")).ReadAsync<Quote>();

        (quote.Guests, quote.Infants, quote.Pets).ShouldBe((4, 2, 1));
        quote.PetFee.Amount.ShouldBe(2_500);
        withoutPet.PetFee.Amount.ShouldBe(0);
        quote.Total.Amount.ShouldBe(quote.Subtotal.Amount + quote.ExtraGuestFee.Amount + quote.CleaningFee.Amount + quote.PetFee.Amount
            - quote.Discount.Amount + quote.ServiceFee.Amount + quote.Taxes.Amount);
        quote.HostPayout.Amount.ShouldBeGreaterThan(withoutPet.HostPayout.Amount);

        var tooMany = await (await anyone.GetAsync($"/api/v1/listings/{listing.Id}/quote?{stay}&pets=2")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        tooMany.GetProperty("errors").GetProperty("too_many_pets")[0].GetString().ShouldBe("The host takes at most 1 pet.");
        var crowd = await (await anyone.GetAsync($"/api/v1/listings/{listing.Id}/quote?{stay}&infants=6")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        crowd.GetProperty("errors").TryGetProperty("infants", out _).ShouldBeTrue();

        var graph = (await anyone.GraphQLAsync(
            "query($id: ID!, $in: DateOnly!, $out: DateOnly!) { quote(listingId: $id, checkIn: $in, checkOut: $out, guests: 4, infants: 2, pets: 1) { pets infants petFee { amount } total { amount } } }",
            new { id = listing.Id, @in = TestBookings.Soon(30), @out = TestBookings.Soon(33) })).ShouldSucceed();
        var graphQuote = graph.Data.GetProperty("quote");
        graphQuote.GetProperty("petFee").GetProperty("amount").GetInt64().ShouldBe(2_500);
        graphQuote.GetProperty("total").GetProperty("amount").GetInt64().ShouldBe(quote.Total.Amount);
    }

    [Fact]
    public async Task A_home_without_pets_refuses_a_booking_with_one_and_nothing_is_held()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var checkIn = TestBookings.Soon(30);

        var refused = await (await guest.Client.PostBookingAsync(new { listingId = listing.Id, checkIn, checkOut = checkIn.AddDays(2), guests = 2, pets = 1, paymentMethod = "pm_card_visa" }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        refused.GetProperty("errors").GetProperty("too_many_pets")[0].GetString()!.ShouldStartWith("The host does not take pets");
        (await (await guest.Client.GetAsync("/api/v1/me/trips")).ReadAsync<Page<TripSummary>>()).Items.ShouldBeEmpty();
        (await guest.BookAsync(listing.Id, checkIn, 2)).Pets.ShouldBe(0);
    }

    [Fact]
    public async Task A_pet_fee_is_paid_to_the_host_and_comes_back_with_the_cleaning_fee_when_a_non_refundable_stay_is_cancelled_before_check_in()
    {
        var (host, listing) = await PetFriendlyAsync();
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { cancellationPolicy = "non_refundable" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var guest = await app.RegisterGuestAsync();
        var checkIn = TestBookings.Soon(30);

        var booking = await (await guest.Client.PostBookingAsync(new { listingId = listing.Id, checkIn, checkOut = checkIn.AddDays(3), guests = 2, infants = 1, pets = 1, paymentMethod = "pm_card_visa" }))
            .ReadAsync<BookingResponse>(HttpStatusCode.Created);

        (booking.Infants, booking.Pets, booking.Quote.PetFee.Amount).ShouldBe((1, 1, 2_500L));
        var receipt = await (await guest.Client.GetAsync($"/api/v1/bookings/{booking.Id}/receipt")).ReadAsync<Receipt>();
        receipt.Lines.ShouldContain(l => l.Item == "pet_fee" && l.Amount.Amount == 2_500 && l.Description == "Pet fee (1 pet)");
        receipt.Lines.Sum(l => l.Amount.Amount).ShouldBe(booking.Quote.Total.Amount);

        var cancelled = await (await guest.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null)).ReadAsync<CancelResponse>();

        long Refunded(string item) => cancelled.Breakdown.Single(l => l.Item == item).Refunded.Amount;
        (Refunded("nights"), Refunded("service_fee"), Refunded("cleaning_fee"), Refunded("pet_fee")).ShouldBe((0L, 0L, 3_000L, 2_500L));
        cancelled.Refund.Amount.ShouldBe(Refunded("cleaning_fee") + Refunded("pet_fee") + Refunded("taxes"));
    }

    [Fact]
    public async Task Bringing_a_pet_is_a_change_the_host_agrees_to_and_later_changes_keep_the_pet_unless_they_say_otherwise()
    {
        var (host, listing) = await PetFriendlyAsync();
        var guest = await app.RegisterGuestAsync();
        var checkIn = TestBookings.Soon(30);
        var booking = await guest.BookAsync(listing.Id, checkIn, 3);

        var asked = await (await guest.Client.GetAsync($"/api/v1/bookings/{booking.Id}/changes/quote?{Stay(checkIn, 3)}&guests=2&pets=1")).ReadAsync<ChangeQuote>();
        asked.Quote.PetFee.Amount.ShouldBe(2_500);
        asked.Difference.Amount.ShouldBe(asked.Quote.Total.Amount - booking.Quote.Total.Amount);
        asked.Difference.Amount.ShouldBeGreaterThan(2_500);

        var change = await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/changes", new { checkIn, checkOut = checkIn.AddDays(3), guests = 2, pets = 1 }))
            .ReadAsync<ChangeResponse>(HttpStatusCode.Created);
        (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/changes/{change.Id}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var changed = await (await guest.Client.GetAsync($"/api/v1/bookings/{booking.Id}")).ReadAsync<BookingResponse>();

        changed.Pets.ShouldBe(1);
        changed.Charged.Amount.ShouldBe(asked.Quote.Total.Amount);
        changed.Transitions[^1].Reason.ShouldEndWith("2 guests, 1 pet");
        var longer = await (await guest.Client.GetAsync($"/api/v1/bookings/{booking.Id}/changes/quote?{Stay(checkIn, 4)}&guests=2")).ReadAsync<ChangeQuote>();
        (longer.Quote.Pets, longer.Quote.PetFee.Amount).ShouldBe((1, 2_500L));
        await (await guest.Client.GetAsync($"/api/v1/bookings/{booking.Id}/changes/quote?{Stay(checkIn, 3)}&guests=2")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Search_with_pets_finds_only_homes_that_take_that_many_and_prices_the_stay_with_the_pet_fee()
    {
        var host = await app.RegisterHostAsync();
        var (listing, lat, lng) = await host.CreatePublishedAloneAsync();
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { maxPets = 2, petFee = 4_000 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var anyone = app.CreateClient();
        var stay = Stay(TestBookings.Soon(30), 2);
        var where = $"lat={lat}&lng={lng}&radiusKm=1&{stay}";
        async Task<IReadOnlyList<JsonElement>> FindAsync(string pets) =>
            [.. (await (await anyone.GetAsync($"/api/v1/listings?{where}{pets}")).ReadAsync<JsonElement>()).GetProperty("items").EnumerateArray()];

        var withPets = await FindAsync("&pets=2");
        var quote = await (await anyone.GetAsync($"/api/v1/listings/{listing.Id}/quote?{stay}&pets=2")).ReadAsync<Quote>();

        withPets.Single().GetProperty("total").GetProperty("amount").GetInt64().ShouldBe(quote.Total.Amount);
        (await FindAsync("")).Single().GetProperty("total").GetProperty("amount").GetInt64().ShouldBeLessThan(quote.Total.Amount);
        (await FindAsync("&pets=3")).ShouldBeEmpty();
        await (await anyone.GetAsync($"/api/v1/listings?{where}&pets=9")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }
}
