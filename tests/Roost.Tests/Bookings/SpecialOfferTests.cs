using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Bookings;
using Roost.Features.Notifications;
using Roost.Platform.Http;
using Roost.Tests.Infrastructure;
using Roost.Tests.Payments;

namespace Roost.Tests.Bookings;

[Collection(ApiCollection.Name)]
public sealed class SpecialOfferTests(RoostApp app) : MovesMoney
{
    protected override RoostApp Books => app;

    [Fact]
    public async Task A_guest_who_asked_books_the_hosts_offer_at_once_at_its_price_even_below_the_minimum_stay_and_only_once()
    {
        var (host, guest, listing) = await AskedAsync();
        var checkIn = TestBookings.Soon(30);

        var offer = await MakeAsync(host, listing, guest.Id, checkIn, 2, accommodation: 15_001, message: "Two nights for you, a little less than usual.");

        offer.ShouldSatisfyAllConditions(
            o => o.Status.ShouldBe(OfferStatus.Open),
            o => o.Quote.Subtotal.Amount.ShouldBe(15_001),
            o => o.Quote.Nightly.Select(n => n.Price.Amount).ShouldBe([7_501, 7_500]),
            o => o.Quote.CleaningFee.Amount.ShouldBe(3_000),
            o => o.Quote.Discount.Amount.ShouldBe(0),
            o => o.ExpiresAt.ShouldBeInRange(DateTimeOffset.UtcNow.AddHours(23), DateTimeOffset.UtcNow.AddHours(25)));
        (await InboxAsync(guest)).ShouldContain(n => n.Type == "special_offer" && n.Body.Contains("a little less than usual"));
        // The listing takes requests only and stays of three nights or more; the offer is the host's yes to this one.
        await (await guest.Client.PostBookingAsync(TestBookings.Body(listing, checkIn, 2))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        var booking = await (await guest.Client.PostBookingAsync(WithOffer(listing, checkIn, 2, offer.Id))).ReadAsync<BookingResponse>(HttpStatusCode.Created);

        booking.ShouldSatisfyAllConditions(
            b => b.Status.ShouldBe(BookingStatus.Confirmed),
            b => b.Transitions.Single().Reason.ShouldBe("special_offer"),
            b => b.Quote.Total.ShouldBe(offer.Quote.Total),
            b => b.Charged.ShouldBe(offer.Quote.Total));
        var seen = (await host.Client.GetFromJsonAsync<Page<OfferResponse>>("/api/v1/me/offers", TestJson.Options))!.Items.Single(o => o.Id == offer.Id);
        seen.Status.ShouldBe(OfferStatus.Booked);
        seen.BookingId.ShouldBe(booking.Id);
        var again = await guest.Client.PostBookingAsync(WithOffer(listing, checkIn.AddDays(10), 2, offer.Id));
        (await again.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("title").GetString()!.ShouldContain("booked");
    }

    [Fact]
    public async Task Offers_go_only_to_guests_who_asked_and_are_booked_only_by_them_on_their_terms_while_open()
    {
        var (host, guest, listing) = await AskedAsync();
        var stranger = await app.RegisterGuestAsync();
        var checkIn = TestBookings.Soon(30);

        var unasked = await (await host.Client.PostAsJsonAsync($"/api/v1/listings/{listing}/offers", Body(stranger.Id, checkIn, 3, 20_000))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        unasked.GetProperty("errors").TryGetProperty("guestId", out _).ShouldBeTrue();
        await (await (await app.RegisterHostAsync()).Client.PostAsJsonAsync($"/api/v1/listings/{listing}/offers", Body(guest.Id, checkIn, 3, 20_000))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await host.Client.PostAsJsonAsync($"/api/v1/listings/{listing}/offers", Body(guest.Id, checkIn, 3, 2))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var crowd = await (await host.Client.PostAsJsonAsync($"/api/v1/listings/{listing}/offers", Body(guest.Id, checkIn, 3, 20_000, guests: 9))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        crowd.GetProperty("errors").TryGetProperty("too_many_guests", out _).ShouldBeTrue();

        var offer = await MakeAsync(host, listing, guest.Id, checkIn, 3, 20_000);
        await (await stranger.Client.PostBookingAsync(WithOffer(listing, checkIn, 3, offer.Id))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await guest.Client.PostBookingAsync(WithOffer(listing, checkIn, 4, offer.Id))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await guest.Client.PostBookingAsync(WithOffer(listing, checkIn, 3, Guid.NewGuid()))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await guest.Client.PostAsync($"/api/v1/offers/{offer.Id}/withdraw", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.Client.PostAsync($"/api/v1/offers/{offer.Id}/withdraw", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        (await (await host.Client.PostAsync($"/api/v1/offers/{offer.Id}/withdraw", null)).ReadAsync<OfferResponse>()).Status.ShouldBe(OfferStatus.Withdrawn);
        await (await guest.Client.PostBookingAsync(WithOffer(listing, checkIn, 3, offer.Id))).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var unwanted = await MakeAsync(host, listing, guest.Id, checkIn, 3, 21_000);
        await (await host.Client.PostAsync($"/api/v1/offers/{unwanted.Id}/decline", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.Client.PostAsync($"/api/v1/offers/{unwanted.Id}/decline", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await (await guest.Client.PostAsync($"/api/v1/offers/{unwanted.Id}/decline", null)).ReadAsync<OfferResponse>()).Status.ShouldBe(OfferStatus.Declined);
        (await app.NoticesAsync(host.Id)).ShouldContain(n => n.Type == "special_offer_declined");
        await (await guest.Client.PostBookingAsync(WithOffer(listing, checkIn, 3, unwanted.Id))).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var lapsing = await MakeAsync(host, listing, guest.Id, checkIn, 3, 20_000);
        await app.WithDbAsync(db => db.Set<SpecialOffer>().Where(o => o.Id == lapsing.Id).ExecuteUpdateAsync(o => o.SetProperty(x => x.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        (await guest.Client.GetFromJsonAsync<Page<OfferResponse>>("/api/v1/me/offers", TestJson.Options))!.Items.Single(o => o.Id == lapsing.Id).Status.ShouldBe(OfferStatus.Expired);
        await (await guest.Client.PostBookingAsync(WithOffer(listing, checkIn, 3, lapsing.Id))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await host.Client.PostAsync($"/api/v1/offers/{lapsing.Id}/withdraw", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Two_bookings_racing_with_one_offer_make_one_booking()
    {
        var (host, guest, listing) = await AskedAsync();
        var checkIn = TestBookings.Soon(30);
        var offer = await MakeAsync(host, listing, guest.Id, checkIn, 2, 18_000);

        // Different keys: two real attempts, not one retried.
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => guest.Client.PostBookingAsync(WithOffer(listing, checkIn, 2, offer.Id))));

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        answers.Count(a => a.StatusCode == HttpStatusCode.Conflict).ShouldBe(3);
        (await app.WithDbAsync(db => db.Bookings.CountAsync(b => b.ListingId == listing && b.GuestId == guest.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task GraphQL_makes_an_offer_and_books_it_with_createBookings_offerId()
    {
        var (host, guest, listing) = await AskedAsync();
        var checkIn = TestBookings.Soon(30);

        var offerId = (await host.Client.GraphQLAsync(
            "mutation($l: ID!, $input: MakeOfferInput!) { makeSpecialOffer(listingId: $l, input: $input) { id status quote { subtotal { amount } } listing { id } } }",
            new { l = listing, input = new { guestId = guest.Id, checkIn = checkIn.ToString("yyyy-MM-dd"), checkOut = checkIn.AddDays(3).ToString("yyyy-MM-dd"), guests = 2, accommodation = 24_000 } }))
            .ShouldSucceed().Data.GetProperty("makeSpecialOffer").GetProperty("id").GetString();

        var booked = (await guest.Client.GraphQLAsync(
            "mutation($input: CreateBookingInput!) { createBooking(input: $input, idempotencyKey: \"offer-graphql\") { status quote { subtotal { amount } } } }",
            new { input = new { listingId = listing, checkIn = checkIn.ToString("yyyy-MM-dd"), checkOut = checkIn.AddDays(3).ToString("yyyy-MM-dd"), guests = 2, paymentMethod = "pm_card_visa", offerId } }))
            .ShouldSucceed().Data.GetProperty("createBooking");
        booked.GetProperty("status").GetString().ShouldBe("CONFIRMED");
        booked.GetProperty("quote").GetProperty("subtotal").GetProperty("amount").GetInt64().ShouldBe(24_000);
        (await guest.Client.GraphQLAsync("{ myOffers { items { id status } } }")).ShouldSucceed()
            .Data.GetProperty("myOffers").GetProperty("items")[0].GetProperty("status").GetString().ShouldBe("BOOKED");
    }

    /// <summary>A request-only listing with a three-night minimum, and a guest who wrote to its host about it.</summary>
    [Fact]
    public async Task A_pre_approval_is_an_offer_at_the_listings_own_prices_and_rules_that_the_guest_books_at_once()
    {
        var (host, guest, listing) = await AskedAsync();
        var checkIn = TestBookings.Soon(30);
        var stay = $"checkIn={checkIn:yyyy-MM-dd}&checkOut={checkIn.AddDays(3):yyyy-MM-dd}&guests=2";
        var quote = await (await app.CreateClient().GetAsync($"/api/v1/listings/{listing}/quote?{stay}")).ReadAsync<Quote>();

        var preApproval = await (await host.Client.PostAsJsonAsync($"/api/v1/listings/{listing}/offers", new { guestId = guest.Id, checkIn, checkOut = checkIn.AddDays(3), guests = 2 }))
            .ReadAsync<OfferResponse>(HttpStatusCode.Created);

        preApproval.Quote.Total.ShouldBe(quote.Total);
        (await InboxAsync(guest)).ShouldContain(n => n.Title == "The host pre-approved your stay");
        // Unlike a priced offer, it keeps the listing's rules: two nights are below its minimum stay.
        var tooShort = await (await host.Client.PostAsJsonAsync($"/api/v1/listings/{listing}/offers", new { guestId = guest.Id, checkIn, checkOut = checkIn.AddDays(2), guests = 2 }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        tooShort.GetProperty("errors").TryGetProperty("below_minimum_stay", out _).ShouldBeTrue();
        var booking = await (await guest.Client.PostBookingAsync(WithOffer(listing, checkIn, 3, preApproval.Id))).ReadAsync<BookingResponse>(HttpStatusCode.Created);
        (booking.Status, booking.Charged).ShouldBe((BookingStatus.Confirmed, quote.Total));
    }

    private async Task<(TestUser Host, TestUser Guest, Guid Listing)> AskedAsync()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { instantBook = false, minNights = 3 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var guest = await app.RegisterGuestAsync();
        (await guest.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text = "Could we come for just two nights?" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        return (host, guest, listing.Id);
    }

    private static object Body(Guid guestId, DateOnly checkIn, int nights, long accommodation, int guests = 2, string? message = null) =>
        new { guestId, checkIn, checkOut = checkIn.AddDays(nights), guests, accommodation, message };

    private static async Task<OfferResponse> MakeAsync(TestUser host, Guid listing, Guid guestId, DateOnly checkIn, int nights, long accommodation, string? message = null) =>
        await (await host.Client.PostAsJsonAsync($"/api/v1/listings/{listing}/offers", Body(guestId, checkIn, nights, accommodation, message: message)))
            .ReadAsync<OfferResponse>(HttpStatusCode.Created);

    private static object WithOffer(Guid listingId, DateOnly checkIn, int nights, Guid offerId) =>
        new { listingId, checkIn, checkOut = checkIn.AddDays(nights), guests = 2, paymentMethod = "pm_card_visa", offerId };

    private static async Task<IReadOnlyList<NotificationResponse>> InboxAsync(TestUser who) =>
        (await who.Client.GetFromJsonAsync<NotificationPage>("/api/v1/notifications?limit=50", TestJson.Options))!.Items;
}
