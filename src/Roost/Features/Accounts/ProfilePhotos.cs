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

        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        var now = time.GetUtcNow();
        var key = $"users/{userId:N}/{Guid.CreateVersion7(now):N}{image.Value!.Extension}";
        await using (var content = file!.OpenReadStream())
        {
            await files.SaveAsync(key, content, cancellationToken);
        }

        var replaced = user.PhotoKey;
        user.SetPhoto(key, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            await files.DeleteAsync(key, CancellationToken.None);
            throw;
        }

        await ForgetAsync(userId, replaced, cancellationToken);
        return UserResponse.From(user);
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
