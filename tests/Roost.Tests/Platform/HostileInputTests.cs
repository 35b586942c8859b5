using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Features.Listings;
using Roost.Features.Payments;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Platform;

/// <summary>Inputs a fuzzer sends and a person rarely does: each is a 400 naming its field, and nothing is stored.</summary>
[Collection(ApiCollection.Name)]
public sealed class HostileInputTests(RoostApp app)
{
    [Fact]
    public async Task A_NUL_character_is_refused_at_every_door_before_anything_is_stored()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var intentsBefore = await app.WithDbAsync(db => db.Set<SandboxIntent>().CountAsync());

        await FieldRefusedAsync(await guest.Client.PatchAsJsonAsync("/api/v1/me", new { firstName = "An\0n" }), "firstName");
        (await guest.Client.GetFromJsonAsync<UserResponse>("/api/v1/me", TestJson.Options))!.FirstName.ShouldNotContain("\0");

        await FieldRefusedAsync(await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { address = new { city = "Lis\0bon" } }), "address.city");
        await FieldRefusedAsync(await guest.Client.PostAsJsonAsync("/api/v1/wishlists", new { name = "Summer\0" }), "name");
        await FieldRefusedAsync(await app.CreateClient().GetAsync("/api/v1/listings?location=Lis%00bon"), "location");

        // The booking's message would only meet PostgreSQL after the card was charged.
        var booking = new { listingId = listing.Id, checkIn = TestBookings.Soon(), checkOut = TestBookings.Soon().AddDays(2), guests = 1, paymentMethod = "pm_card_visa", message = "Hi\0" };
        await FieldRefusedAsync(await guest.Client.PostBookingAsync(booking), "message");

        var graph = await guest.Client.GraphQLAsync("mutation ($name: String!) { createWishlist(name: $name) { id } }", new { name = "Winter\0" });
        graph.FirstCode.ShouldBe("BAD_USER_INPUT", graph.Body.ToString());
        var search = await app.CreateClient().GraphQLAsync("query ($place: String) { listings(location: $place, first: 5) { edges { node { id } } } }", new { place = "Por\0to" });
        search.FirstCode.ShouldBe("BAD_USER_INPUT", search.Body.ToString());
        search.Body.ToString().ShouldContain("location must not contain the NUL character", Case.Sensitive, "the search refuses it itself, naming the argument");

        // An id that is no id at all is the caller's input too, whichever field reads it.
        var notAnId = await guest.Client.GraphQLAsync("{ booking(id: \"not-an-id\") { id } }");
        notAnId.FirstCode.ShouldBe("BAD_USER_INPUT", notAnId.Body.ToString());

        (await app.WithDbAsync(db => db.Set<SandboxIntent>().CountAsync())).ShouldBe(intentsBefore, "no payment was attempted");
        (await guest.Client.GetFromJsonAsync<JsonElement>("/api/v1/wishlists")).ToString().ShouldNotContain("Summer");
        (await guest.Client.GetFromJsonAsync<JsonElement>("/api/v1/me/trips?status=upcoming")).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Dates_no_stay_could_have_are_refused_naming_the_field()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var anyone = app.CreateClient();

        await FieldRefusedAsync(await host.Client.GetAsync($"/api/v1/listings/{listing.Id}/calendar?from=0001-01-01"), "from");
        await FieldRefusedAsync(await host.Client.GetAsync($"/api/v1/listings/{listing.Id}/calendar?from=2030-01-01&to=9999-12-31"), "to");
        await FieldRefusedAsync(await host.Client.PutAsJsonAsync($"/api/v1/listings/{listing.Id}/calendar", new { from = "9999-12-30", to = "9999-12-31", available = false }), "from");
        await FieldRefusedAsync(await anyone.GetAsync($"/api/v1/listings/{listing.Id}/quote?checkIn=9999-12-29&checkOut=9999-12-31"), "checkIn");
        await FieldRefusedAsync(await anyone.GetAsync("/api/v1/listings?checkIn=0001-01-01&checkOut=0001-01-04"), "checkIn");

        await FieldRefusedAsync(await anyone.GetAsync("/api/v1/listings?minBathrooms=1e308"), "minBathrooms");

        // The edges of the range still answer.
        (await host.Client.GetAsync($"/api/v1/listings/{listing.Id}/calendar?from=2199-12-01&to=2199-12-31")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_photo_request_missing_its_field_is_a_400_and_an_empty_caption_clears_it()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreateDraftAsync();
        var photo = await host.UploadPhotoAsync(listing.Id);

        await FieldRefusedAsync(await host.Client.PutAsJsonAsync($"/api/v1/listings/{listing.Id}/photos/order", new { }), "photoIds");
        await FieldRefusedAsync(await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}/photos/{photo.Id}", new { caption = (string?)null }), "caption");

        // Multipart bodies a client got wrong: no boundary, a body cut short, a caption holding a NUL.
        var upload = $"/api/v1/listings/{listing.Id}/photos";
        var noBoundary = new ByteArrayContent("garbage"u8.ToArray());
        noBoundary.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");
        await FieldRefusedAsync(await host.Client.PostAsync(upload, noBoundary), "file");
        var cutShort = new ByteArrayContent("--zzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nabc"u8.ToArray());
        cutShort.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=zzz");
        await FieldRefusedAsync(await host.Client.PostAsync(upload, cutShort), "file");
        var cutPng = new MultipartFormDataContent { { new ByteArrayContent(TestListings.Png[..^12]), "file", "p.png" } };
        await FieldRefusedAsync(await host.Client.PostAsync(upload, cutPng), "file");
        var nulCaption = new MultipartFormDataContent { { new ByteArrayContent(TestListings.Png), "file", "p.png" }, { new StringContent("Sea\0view"), "caption" } };
        await FieldRefusedAsync(await host.Client.PostAsync(upload, nulCaption), "caption");
        (await app.WithDbAsync(db => db.ListingPhotos.CountAsync(p => p.ListingId == listing.Id))).ShouldBe(1);

        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}/photos/{photo.Id}", new { caption = "Terrace" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var cleared = await (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}/photos/{photo.Id}", new { caption = "" })).ReadAsync<PhotoResponse>();
        cleared.Caption.ShouldBeNullOrEmpty();
    }

    private static async Task FieldRefusedAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
    }
}
