using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Notifications;

namespace Roost.Features.Accounts;

/// <summary>
/// A user closing their own account (the GDPR right to erasure): once nothing is owed to anyone, the personal data
/// goes — name, e-mail address, phone, photo, password, notifications — and every session ends. The row stays, nameless,
/// because bookings, reviews, messages and the ledger still refer to it (and the ledger must be kept).
/// </summary>
public sealed class AccountClosure(
    RoostDb db,
    SignIn signIn,
    IEnumerable<IAccountCommitments> commitments,
    IEnumerable<IAccountErasure> erasures,
    SessionRevocation revocation,
    ProfilePhotos photos,
    HybridCache cache,
    TimeProvider time)
{
    public async Task<Failure?> CloseAsync(Guid userId, CloseAccountRequest request, CancellationToken cancellationToken)
    {
        var confirmed = await signIn.ReauthenticateAsync(userId, request.Password, cancellationToken);
        if (confirmed.Failure is { } refused)
        {
            return refused;
        }

        var open = new List<string>();
        foreach (var commitment in commitments)
        {
            open.AddRange(await commitment.OpenAsync(userId, cancellationToken));
        }

        if (open.Count > 0)
        {
            return Failure.Conflict("Your account still has commitments to others; settle them first.", string.Join(" ", open));
        }

        var user = confirmed.Value!;
        var formerEmail = user.NormalizedEmail;
        var photo = user.PhotoKey;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.Close(time.GetUtcNow());
        // Invitations mailed to the address before it had an account go too: they name the person as much as the rest.
        await db.Set<Notification>().Where(n => n.UserId == userId || (n.UserId == null && n.EmailTo == formerEmail)).ExecuteDeleteAsync(cancellationToken);
        await db.LoginThrottles.Where(t => t.NormalizedEmail == formerEmail).ExecuteDeleteAsync(cancellationToken);
        foreach (var erasure in erasures)
        {
            await erasure.EraseAsync(userId, formerEmail, cancellationToken);
        }

        await revocation.RevokeAllAsync(userId, keep: null, "account_closed", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await cache.RemoveAsync(Profiles.PublicProfileKey(userId), cancellationToken);
        // Only once the closing committed: a closure that rolled back keeps its photo.
        await photos.DeleteFileAsync(photo);
        return null;
    }
}
