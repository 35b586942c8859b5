using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Files;

namespace Roost.Features.Accounts;

/// <summary>
/// A user's profile photo, shown with their public profile and, for hosts, on their listings. Each upload gets a new
/// key (stored files never change behind a URL), and the file it replaces is removed once the new one is saved.
/// </summary>
public sealed class ProfilePhotos(RoostDb db, IFileStore files, HybridCache cache, TimeProvider time, ILogger<ProfilePhotos> logger)
{
    public const long MaxBytes = 5 * 1024 * 1024;

    public async Task<Outcome<UserResponse>> UploadAsync(Guid userId, IFormFile? file, CancellationToken cancellationToken)
    {
        var image = await UploadedImage.CheckAsync(file, MaxBytes, cancellationToken);
        if (image.Failure is { } refused)
        {
            return refused;
        }

        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        var now = time.GetUtcNow();
        var key = $"users/{userId:N}/{Guid.CreateVersion7(now):N}{image.Value!.Extension}";
        await using (var content = file!.OpenReadStream())
        {
            await files.SaveAsync(key, content, cancellationToken);
        }

        string? replaced;
        try
        {
            replaced = await SwapAsync(userId, user.PhotoKey, key, now);
        }
        catch
        {
            await files.DeleteAsync(key, CancellationToken.None);
            throw;
        }

        user.SetPhoto(key, now);
        await ForgetAsync(userId, replaced, cancellationToken);
        return UserResponse.From(user);
    }

    /// <summary>
    /// Points the user at <paramref name="key"/> in place of the photo they had, and says which that was. The swap
    /// only happens from the key last read: an upload racing this one that committed first changes it, and this one
    /// reads again, so each upload deletes exactly the file it replaced and none is left behind.
    /// </summary>
    private async Task<string?> SwapAsync(Guid userId, string? replaced, string key, DateTimeOffset now)
    {
        while (await db.Users
            .Where(u => u.Id == userId && u.PhotoKey == replaced)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.PhotoKey, key).SetProperty(u => u.UpdatedAt, now), CancellationToken.None) == 0)
        {
            replaced = await db.Users.Where(u => u.Id == userId).Select(u => u.PhotoKey).SingleAsync(CancellationToken.None);
        }

        return replaced;
    }

    public async Task<UserResponse> RemoveAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        var removed = user.PhotoKey;
        if (removed is not null)
        {
            user.SetPhoto(null, time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await ForgetAsync(userId, removed, cancellationToken);
        }

        return UserResponse.From(user);
    }

    /// <summary>The old file goes, and the cached profile that showed it; a file left behind is only disk, never shown.</summary>
    private async Task ForgetAsync(Guid userId, string? oldKey, CancellationToken cancellationToken)
    {
        await cache.RemoveAsync(Profiles.PublicProfileKey(userId), cancellationToken);
        await DeleteFileAsync(oldKey);
    }

    /// <summary>A photo no row points at any more; one that cannot be deleted is only disk, never shown.</summary>
    public async Task DeleteFileAsync(string? key)
    {
        if (key is null)
        {
            return;
        }

        try
        {
            await files.DeleteAsync(key, CancellationToken.None);
        }
        catch (IOException ex)
        {
            logger.LogWarning("The profile photo {Key} could not be deleted: {Error}", key, ex.Message);
        }
    }
}
