using System.Net;
using System.Net.Http.Json;
using Roost.Features.Listings;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Listings;

[Collection(ApiCollection.Name)]
public sealed class PhotoTests(RoostApp app)
{
    [Fact]
    public async Task Jpeg_png_and_webp_are_recognised_by_their_bytes_and_served_at_stable_urls()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreateDraftAsync();

        // Misleading names and declared types do not matter: the bytes decide.
        var jpeg = await host.Client.UploadAsync(listing.Id, TestListings.Jpeg, "holiday.png", "image/png", caption: "Terrace");
        var png = await host.Client.UploadAsync(listing.Id, TestListings.Png, "x.gif", "application/octet-stream");
        var webp = await host.Client.UploadAsync(listing.Id, TestListings.WebP, "x", "text/plain");

        var photos = new[] { jpeg, png, webp }.Select(r => r.Content.ReadFromJsonAsync<PhotoResponse>().Result!).ToList();
        photos.Select(p => p.ContentType).ShouldBe(["image/jpeg", "image/png", "image/webp"]);
        photos[0].Caption.ShouldBe("Terrace");
        var served = await app.CreateClient().GetAsync(photos[1].Url);
        served.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        (await served.Content.ReadAsByteArrayAsync()).ShouldBe(TestListings.Png);
    }

    [Fact]
    public async Task Photos_can_be_reordered_captioned_and_deleted()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreateDraftAsync();
        var a = await host.UploadPhotoAsync(listing.Id);
        var b = await host.UploadPhotoAsync(listing.Id);
        var c = await host.UploadPhotoAsync(listing.Id);

        var reordered = await host.Client.PutAsJsonAsync($"/api/v1/listings/{listing.Id}/photos/order", new { photoIds = new[] { c.Id, a.Id, b.Id } });
        reordered.StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await host.Client.PutAsJsonAsync($"/api/v1/listings/{listing.Id}/photos/order", new { photoIds = new[] { c.Id, a.Id } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}/photos/{a.Id}", new { caption = "Bedroom" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.Client.DeleteAsync($"/api/v1/listings/{listing.Id}/photos/{c.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var after = (await host.Client.GetFromJsonAsync<ListingResponse>($"/api/v1/listings/{listing.Id}", TestJson.Options))!;
        after.Photos.Select(p => p.Id).ShouldBe([a.Id, b.Id]);
        after.Photos.Select(p => p.Position).ShouldBe([0, 1]);
        after.Photos[0].Caption.ShouldBe("Bedroom");
        await (await app.CreateClient().GetAsync(c.Url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_non_image_an_oversized_file_or_a_51st_photo_is_refused_and_stores_nothing()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreateDraftAsync();

        await (await host.Client.UploadAsync(listing.Id, "<html>not an image</html>"u8.ToArray(), "cat.jpg", "image/jpeg"))
            .ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        var oversized = new byte[(int)ListingPhoto.MaxBytes + 1];
        TestListings.Png.CopyTo(oversized, 0);
        await (await host.Client.UploadAsync(listing.Id, oversized)).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await (await host.Client.PostAsJsonAsync($"/api/v1/listings/{listing.Id}/photos", new { file = "x" })).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);

        for (var i = 0; i < ListingPhoto.MaxPerListing; i++)
        {
            await host.UploadPhotoAsync(listing.Id);
        }

        await (await host.Client.UploadAsync(listing.Id, TestListings.Png)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var photos = (await host.Client.GetFromJsonAsync<ListingResponse>($"/api/v1/listings/{listing.Id}", TestJson.Options))!.Photos;
        photos.Count.ShouldBe(50);
        Directory.GetFiles(Path.Combine(app.FilesRoot, "listings", listing.Id.ToString("N"))).Length.ShouldBe(50);
    }

    [Fact]
    public async Task Parallel_uploads_never_exceed_the_limit()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreateDraftAsync();
        for (var i = 0; i < ListingPhoto.MaxPerListing - 2; i++)
        {
            await host.UploadPhotoAsync(listing.Id);
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => host.Client.UploadAsync(listing.Id, TestListings.Png)));

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(2);
        answers.Count(a => a.StatusCode == HttpStatusCode.Conflict).ShouldBe(4);
    }
}
