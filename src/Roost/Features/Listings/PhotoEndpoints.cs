using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Roost.Platform.Errors;
using Roost.Platform.Files;

namespace Roost.Features.Listings;

public static class PhotoEndpoints
{
    public static RouteGroupBuilder MapListingPhotos(this RouteGroupBuilder api)
    {
        var photos = api.MapGroup("/listings/{id:guid}/photos").WithTags("Listings").RequireAuthorization();
        // Bearer tokens, not cookies, authenticate these: a cross-site form cannot forge them, so no antiforgery token.
        photos.MapPost("", Upload).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(ListingPhoto.MaxBytes + (64 * 1024)))
            .WithSummary("Upload a JPEG, PNG or WebP photo (multipart field 'file', optional 'caption')");
        photos.MapPatch("/{photoId:guid}", Caption).WithSummary("Change a photo's caption");
        photos.MapDelete("/{photoId:guid}", Delete).WithSummary("Delete a photo");
        photos.MapPut("/order", Reorder).WithSummary("Order the photos; the first is the cover");
        return api;
    }

    private static async Task<Results<Created<PhotoResponse>, ProblemHttpResult>> Upload(Guid id, HttpRequest request, ListingPhotos photos, HttpContext http)
    {
        var (form, unreadable) = await UploadedImage.ReadFormAsync(request, http.RequestAborted);
        if (unreadable is not null)
        {
            return unreadable.ToProblem(http);
        }

        var caption = form!["caption"].FirstOrDefault();
        if (NulCharacter.IsIn(caption))
        {
            return NulCharacter.Refusal("caption").ToProblem(http);
        }

        var outcome = await photos.UploadAsync(id, form.Files.GetFile("file"), caption, http.User, http.RequestAborted);
        return outcome.Succeeded
            ? TypedResults.Created(outcome.Value!.Url, outcome.Value)
            : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<PhotoResponse>, ProblemHttpResult>> Caption(Guid id, Guid photoId, PhotoCaptionRequest body, ListingPhotos photos, HttpContext http) =>
        (await photos.CaptionAsync(id, photoId, body.Caption, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, Guid photoId, ListingPhotos photos, HttpContext http) =>
        await photos.DeleteAsync(id, photoId, http.User, http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();

    private static async Task<Results<Ok<IReadOnlyList<PhotoResponse>>, ProblemHttpResult>> Reorder(Guid id, PhotoOrderRequest body, ListingPhotos photos, HttpContext http) =>
        (await photos.ReorderAsync(id, body.PhotoIds, http.User, http.RequestAborted)).ToResult(http);
}
