using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;

namespace Roost.Features.Accounts;

/// <summary>What a host's instant-book rule asks of a guest: a confirmed address, and their record with other hosts.</summary>
public sealed record GuestStanding(bool EmailVerified, int ReviewCount, double? Rating)
{
    /// <summary>A static read in the caller's unit of work, so booking (which asks only for some listings) takes no service for it.</summary>
    public static Task<GuestStanding> OfAsync(RoostDb db, Guid userId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new GuestStanding(u.EmailVerifiedAt != null, u.GuestReviewCount, u.GuestRatingAverage))
            .SingleAsync(cancellationToken);
}
