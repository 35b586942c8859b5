using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Roost.Features.Accounts;
using Roost.Features.Listings;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Accounts;

[Collection(ApiCollection.Name)]
public sealed class ProfilePhotoTests(RoostApp app)
{
    private static Task<HttpResponseMessage> PutPhotoAsync(TestUser user, byte[] bytes, string fileName = "me.png")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return user.Client.PutAsync("/api/v1/me/photo", new MultipartFormDataContent { { file, "file", fileName } });
    }

    private async Task<PublicProfile> ProfileAsync(Guid userId) =>
        await (await app.CreateClient().GetAsync($"/api/v1/users/{userId}")).ReadAsync<PublicProfile>();

    [Fact]
    public async Task A_host_puts_up_a_photo_that_guests_see_on_the_profile_and_listings_replaces_it_and_takes_it_down()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        (await ProfileAsync(host.Id)).PhotoUrl.ShouldBeNull();

        var first = (await (await PutPhotoAsync(host, TestListings.Png)).ReadAsync<UserResponse>()).PhotoUrl!;

        first.ShouldStartWith($"/media/users/{host.Id:N}/");
        var served = await app.CreateClient().GetAsync(first);
        (served.StatusCode, served.Content.Headers.ContentType!.MediaType).ShouldBe((HttpStatusCode.OK, "image/png"));
        (await served.Content.ReadAsByteArrayAsync()).ShouldBe(TestListings.Png);
        (await ProfileAsync(host.Id)).PhotoUrl.ShouldBe(first);
        (await (await app.CreateClient().GetAsync($"/api/v1/listings/{listing.Id}")).ReadAsync<ListingResponse>()).Host.PhotoUrl.ShouldBe(first);

        var second = (await (await PutPhotoAsync(host, TestListings.WebP, "me.webp")).ReadAsync<UserResponse>()).PhotoUrl!;
        second.ShouldNotBe(first);
        second.ShouldEndWith(".webp");
        await (await app.CreateClient().GetAsync(first)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await ProfileAsync(host.Id)).PhotoUrl.ShouldBe(second);

        var graph = (await host.Client.GraphQLAsync("mutation { removeProfilePhoto { photoUrl } }")).ShouldSucceed();
        graph.Data.GetProperty("removeProfilePhoto").GetProperty("photoUrl").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        await (await app.CreateClient().GetAsync(second)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await ProfileAsync(host.Id)).PhotoUrl.ShouldBeNull();
        (await host.Client.DeleteAsync("/api/v1/me/photo")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Only_a_whole_image_of_at_most_five_megabytes_is_taken_and_closing_the_account_removes_it()
    {
        var user = await app.RegisterGuestAsync();

        await (await PutPhotoAsync(user, "GIF89a not a photo"u8.ToArray())).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await (await PutPhotoAsync(user, TestListings.Png[..^5])).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await PutPhotoAsync(user, [.. TestListings.Png, .. new byte[ProfilePhotos.MaxBytes]])).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await (await user.Client.PutAsJsonAsync("/api/v1/me/photo", new { file = "me.png" })).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        (await ProfileAsync(user.Id)).PhotoUrl.ShouldBeNull();

        var photo = (await (await PutPhotoAsync(user, TestListings.Jpeg, "me.jpg")).ReadAsync<UserResponse>()).PhotoUrl!;
        (await user.Client.PostAsJsonAsync("/api/v1/me/close", new { password = user.Password })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await app.CreateClient().GetAsync(photo)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await ProfileAsync(user.Id)).PhotoUrl.ShouldBeNull();
    }

    [Fact]
    public async Task Uploads_racing_each_other_leave_one_photo_and_no_file_behind()
    {
        var user = await app.RegisterGuestAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PutPhotoAsync(user, TestListings.Png)));

        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK);
        var shown = (await ProfileAsync(user.Id)).PhotoUrl!;
        var folder = Path.Combine(app.FilesRoot, "users", user.Id.ToString("N"));
        Directory.GetFiles(folder).Select(Path.GetFileName).ShouldBe([Path.GetFileName(shown)], "every replaced upload's file is deleted");
    }
}
