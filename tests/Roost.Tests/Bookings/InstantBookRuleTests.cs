using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Features.Bookings;
using Roost.Features.Listings;
using Roost.Features.Search;
using Roost.Platform.Http;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Bookings;

public sealed class InstantBookRulesTests
{
    [Theory]
    [InlineData(InstantBookFor.Everyone, false, 0, null, true)]
    [InlineData(InstantBookFor.VerifiedGuests, false, 3, 5.0, false)]
    [InlineData(InstantBookFor.VerifiedGuests, true, 0, null, true)]
    [InlineData(InstantBookFor.ReviewedGuests, true, 0, null, false)]
    [InlineData(InstantBookFor.ReviewedGuests, true, 2, 3.9, false)]
    [InlineData(InstantBookFor.ReviewedGuests, true, 1, 4.0, true)]
    [InlineData(InstantBookFor.ReviewedGuests, false, 5, 5.0, false)]
    public void A_host_rule_admits_only_the_guests_it_names(InstantBookFor rule, bool verified, int reviews, double? rating, bool admitted) =>
        InstantBookRules.Admits(rule, new GuestStanding(verified, reviews, rating)).ShouldBe(admitted);
}

[Collection(ApiCollection.Name)]
public sealed class InstantBookRuleTests(RoostApp app)
{
    [Fact]
    public async Task A_guest_the_hosts_rule_does_not_admit_sends_a_request_and_one_it_admits_books_at_once()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var edited = await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { instantBookFor = "reviewed_guests" });
        (await edited.ReadAsync<ListingResponse>()).InstantBookFor.ShouldBe(InstantBookFor.ReviewedGuests);
        (await app.CreateClient().GetFromJsonAsync<ListingResponse>($"/api/v1/listings/{listing.Id}", TestJson.Options))!.InstantBookFor.ShouldBe(InstantBookFor.ReviewedGuests);

        var newcomer = await app.RegisterGuestAsync();
        var asked = await newcomer.BookAsync(listing.Id, TestBookings.Soon(30), 2);
        asked.Status.ShouldBe(BookingStatus.Pending);
        asked.Transitions.Single().Reason.ShouldBe("instant_book_requirements_not_met");
        asked.Charged.Amount.ShouldBe(0);
        asked.ExpiresAt.ShouldNotBeNull();

        var regular = await app.RegisterGuestAsync();
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE users SET email_verified_at = now(), guest_review_count = 3, guest_rating_average = 4.7 WHERE id = {regular.Id}"));
        var booked = await regular.BookAsync(listing.Id, TestBookings.Soon(40), 2);
        booked.Status.ShouldBe(BookingStatus.Confirmed);
        booked.Charged.Amount.ShouldBe(booked.Quote.Total.Amount);
    }

    [Fact]
    public async Task Searching_for_instant_book_finds_a_home_only_for_guests_its_hosts_rule_admits()
    {
        var host = await app.RegisterHostAsync();
        var (listing, lat, lng) = await host.CreatePublishedAloneAsync(instantBookFor: "verified_guests");
        var newcomer = await app.RegisterGuestAsync();
        var verified = await app.RegisterGuestAsync();
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE users SET email_verified_at = now() WHERE id = {verified.Id}"));

        async Task<bool> FoundAsync(HttpClient client, bool instantOnly) =>
            (await client.GetFromJsonAsync<Page<SearchResult>>($"/api/v1/listings?lat={lat}&lng={lng}&radiusKm=5{(instantOnly ? "&instantBook=true" : "")}", TestJson.Options))!
                .Items.Any(i => i.Id == listing.Id);

        (await FoundAsync(app.CreateClient(), instantOnly: true)).ShouldBeFalse();
        (await FoundAsync(newcomer.Client, instantOnly: true)).ShouldBeFalse();
        (await FoundAsync(verified.Client, instantOnly: true)).ShouldBeTrue();
        (await FoundAsync(app.CreateClient(), instantOnly: false)).ShouldBeTrue();
        var graph = await verified.Client.GraphQLAsync($"{{ listings(lat: {lat.ToString(System.Globalization.CultureInfo.InvariantCulture)}, lng: {lng.ToString(System.Globalization.CultureInfo.InvariantCulture)}, radiusKm: 5, instantBook: true) {{ nodes {{ id }} }} }}");
        graph.ShouldSucceed().Data.GetProperty("listings").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ShouldContain(listing.Id.ToString());
    }
}
