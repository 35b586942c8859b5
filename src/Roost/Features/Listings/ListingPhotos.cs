using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Files;

namespace Roost.Features.Listings;

public sealed record PhotoOrderRequest([Required, MaxLength(ListingPhoto.MaxPerListing)] Guid[] PhotoIds);

/// <summary>An empty caption clears it.</summary>
public sealed record PhotoCaptionRequest([Required(AllowEmptyStrings = true), MaxLength(500)] string Caption);

public sealed class ListingPhotos(RoostDb db, IFileStore files, ListingChanges changes, TimeProvider time, ILogger<ListingPhotos> logger)
{
    /// <summary>
    /// Stores the image and its row together: the listing row is locked while counting, so two uploads racing for the
    /// 50th place cannot both win, and a failed insert removes the file it wrote.
    /// </summary>
    public async Task<Outcome<PhotoResponse>> UploadAsync(
        Guid listingId, IFormFile? file, string? caption, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (caption?.Length > 500)
        {
            return Failure.Validation("caption", "At most 500 characters.");
        }

        var checkedImage = await UploadedImage.CheckAsync(file, ListingPhoto.MaxBytes, cancellationToken);
        if (checkedImage.Failure is { } refused)
        {
            return refused;
        }

        var kind = checkedImage.Value!;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var access = await ListingAccess.ForEditAsync(db, listingId, user, cancellationToken, lockRow: true);
        if (access.Failure is { } failure)
        {
            return failure;
        }

        var count = await db.ListingPhotos.CountAsync(p => p.ListingId == listingId, cancellationToken);
        if (count >= ListingPhoto.MaxPerListing)
        {
            return Failure.Conflict($"A listing holds at most {ListingPhoto.MaxPerListing} photos; delete one first.");
        }

        var photo = ListingPhoto.Create(listingId, count, kind, file!.Length, caption?.Trim() ?? "", time.GetUtcNow());
        await using (var content = file.OpenReadStream())
        {
            await files.SaveAsync(photo.StorageKey, content, cancellationToken);
        }

        try
        {
            db.ListingPhotos.Add(photo);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            await files.DeleteAsync(photo.StorageKey, CancellationToken.None);
            throw;
        }

        await changes.ChangedAsync(listingId, cancellationToken);
        return ListingResponse.ToResponse(photo);
    }

    public async Task<Outcome<PhotoResponse>> CaptionAsync(Guid listingId, Guid photoId, string caption, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var access = await ListingAccess.ForEditAsync(db, listingId, user, cancellationToken);
        if (access.Failure is { } failure)
        {
            return failure;
        }

        var photo = await db.ListingPhotos.SingleOrDefaultAsync(p => p.Id == photoId && p.ListingId == listingId, cancellationToken);
        if (photo is null)
        {
            return Failure.NotFound("The photo");
        }

        photo.SetCaption(caption);
        await db.SaveChangesAsync(cancellationToken);
        await changes.ChangedAsync(listingId, cancellationToken);
        return ListingResponse.ToResponse(photo);
    }

    /// <summary>The new order must name every photo of the listing exactly once.</summary>
    public async Task<Outcome<IReadOnlyList<PhotoResponse>>> ReorderAsync(Guid listingId, Guid[] order, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var access = await ListingAccess.ForEditAsync(db, listingId, user, cancellationToken, withPhotos: true);
        if (access.Failure is { } failure)
        {
            return failure;
        }

        var photos = access.Value!.Photos;
        if (order.Length != photos.Count || order.Distinct().Count() != order.Length || !photos.All(p => order.Contains(p.Id)))
        {
            return Failure.Validation("photoIds", "List every photo of the listing exactly once, cover first.");
        }

        foreach (var photo in photos)
        {
            photo.MoveTo(Array.IndexOf(order, photo.Id));
        }

        await db.SaveChangesAsync(cancellationToken);
        await changes.ChangedAsync(listingId, cancellationToken);
        return photos.OrderBy(p => p.Position).Select(ListingResponse.ToResponse).ToList();
    }

    public async Task<Failure?> DeleteAsync(Guid listingId, Guid photoId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var access = await ListingAccess.ForEditAsync(db, listingId, user, cancellationToken, withPhotos: true);
        if (access.Failure is { } failure)
        {
            return failure;
        }

        var photos = access.Value!.Photos.OrderBy(p => p.Position).ToList();
        var photo = photos.SingleOrDefault(p => p.Id == photoId);
        if (photo is null)
        {
            return Failure.NotFound("The photo");
        }

        db.ListingPhotos.Remove(photo);
        photos.Remove(photo);
        for (var i = 0; i < photos.Count; i++)
        {
            photos[i].MoveTo(i);
        }

        await db.SaveChangesAsync(cancellationToken);
        await changes.ChangedAsync(listingId, cancellationToken);
        try
        {
            await files.DeleteAsync(photo.StorageKey, cancellationToken);
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Photo {PhotoId} was deleted but its file {Key} remains", photo.Id, photo.StorageKey);
        }

        return null;
    }
}
