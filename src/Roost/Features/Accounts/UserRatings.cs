using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;

namespace Roost.Features.Accounts;

/// <summary>A user's ratings as a host and as a guest, kept up to date when reviews of them are published.</summary>
public static class UserRatings
{
    public static Task RecordAsync(RoostDb db, Guid userId, bool asHost, int rating, CancellationToken cancellationToken) =>
        asHost
            ? db.Database.ExecuteSqlAsync(
                $"""
                UPDATE users SET host_rating_average = (coalesce(host_rating_average, 0) * host_review_count + {rating}) / (host_review_count + 1),
                                 host_review_count = host_review_count + 1
                WHERE id = {userId}
                """, cancellationToken)
            : db.Database.ExecuteSqlAsync(
                $"""
                UPDATE users SET guest_rating_average = (coalesce(guest_rating_average, 0) * guest_review_count + {rating}) / (guest_review_count + 1),
                                 guest_review_count = guest_review_count + 1
                WHERE id = {userId}
                """, cancellationToken);

    /// <summary>Sets what the reviews feature recounted after a review was removed; the row is locked by the caller first.</summary>
    public static Task SetAsync(RoostDb db, Guid userId, bool asHost, double? average, int count, CancellationToken cancellationToken) =>
        asHost
            ? db.Database.ExecuteSqlAsync($"UPDATE users SET host_rating_average = {average}, host_review_count = {count} WHERE id = {userId}", cancellationToken)
            : db.Database.ExecuteSqlAsync($"UPDATE users SET guest_rating_average = {average}, guest_review_count = {count} WHERE id = {userId}", cancellationToken);
}
