using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Privacy;

[Collection(ApiCollection.Name)]
public sealed class DataExportTests(RoostApp app)
{
    [Fact]
    public async Task A_user_downloads_everything_held_about_them_and_nothing_about_anyone_else()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(70), 2);
        var change = await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/changes",
            new { checkIn = TestBookings.Soon(70), checkOut = TestBookings.Soon(73), guests = 2, message = "One more night?" })).Content.ReadFromJsonAsync<JsonElement>();
        (await guest.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text = "Is there a cot for a baby?" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var wishlist = await (await guest.Client.PostAsJsonAsync("/api/v1/wishlists", new { name = "Lisbon in spring" })).Content.ReadFromJsonAsync<JsonElement>();
        (await guest.Client.PutAsync($"/api/v1/wishlists/{wishlist.GetProperty("id").GetGuid()}/listings/{listing.Id}", null)).IsSuccessStatusCode.ShouldBeTrue();

        (await guest.Client.PatchAsJsonAsync("/api/v1/me/email-preferences", new { reviews = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var response = await guest.Client.GetAsync("/api/v1/me/export");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var mine = await response.Content.ReadFromJsonAsync<JsonElement>();

        mine.GetProperty("profile").GetProperty("email").GetString().ShouldBe(guest.Email);
        mine.GetProperty("sessions").GetArrayLength().ShouldBe(1);
        Ids(mine, "bookings").ShouldBe([booking.Id]);
        Ids(mine, "bookingChanges").ShouldBe([change.GetProperty("id").GetGuid()]);
        mine.GetProperty("listings").GetArrayLength().ShouldBe(0);
        var thread = mine.GetProperty("conversations").EnumerateArray().Single();
        thread.GetProperty("messages").EnumerateArray().Single().GetProperty("text").GetString().ShouldBe("Is there a cot for a baby?");
        mine.GetProperty("wishlists").EnumerateArray().Single().GetProperty("listings").EnumerateArray().Single()
            .GetProperty("listingId").GetGuid().ShouldBe(listing.Id);
        mine.GetProperty("notifications").EnumerateArray().Select(n => n.GetProperty("type").GetString()).ShouldContain("booking_confirmed");
        mine.GetProperty("emailPreferences").GetProperty("reviews").GetBoolean().ShouldBeFalse();

        var hosts = await host.Client.GetFromJsonAsync<JsonElement>("/api/v1/me/export");
        Ids(hosts, "listings").ShouldBe([listing.Id]);
        Ids(hosts, "bookings").ShouldBe([booking.Id]);
        Ids(hosts, "bookingChanges").ShouldBe([change.GetProperty("id").GetGuid()]);
        hosts.GetProperty("conversations").GetArrayLength().ShouldBe(1);
        hosts.GetProperty("wishlists").GetArrayLength().ShouldBe(0);
        hosts.ToString().ShouldNotContain(guest.Email);

        var stranger = await app.RegisterGuestAsync();
        var theirs = await stranger.Client.GetFromJsonAsync<JsonElement>("/api/v1/me/export");
        foreach (var part in new[] { "bookings", "bookingChanges", "listings", "conversations", "wishlists", "payouts", "reviewsWritten", "reviewsReceived" })
        {
            theirs.GetProperty(part).GetArrayLength().ShouldBe(0, part);
        }

        await (await app.CreateClient().GetAsync("/api/v1/me/export")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static List<Guid> Ids(JsonElement export, string part) =>
        [.. export.GetProperty(part).EnumerateArray().Select(item => item.GetProperty("id").GetGuid())];
}
