using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Roost.Platform.Auth;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Time;

namespace Roost.Features.Accounts;

public sealed class Profiles(RoostDb db, HybridCache cache, TokenIssuer tokens, TimeProvider time)
{
    /// <summary>The cache key of a public profile; whoever changes what it shows (names, roles, ratings) removes it.</summary>
    public static string PublicProfileKey(Guid userId) => $"user-profile:{userId:N}";

    public async Task<Outcome<UserResponse>> GetMineAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken) is { } user
            ? UserResponse.From(user)
            : Failure.NotFound("The user");

    public async Task<Outcome<UserResponse>> UpdateMineAsync(Guid userId, UpdateProfileRequest request, CancellationToken cancellationToken)
    {
        if (request.FirstName is { } first && string.IsNullOrWhiteSpace(first))
        {
            return Failure.Validation("firstName", "The first name cannot be blank.");
        }

        if (request.LastName is { } last && string.IsNullOrWhiteSpace(last))
        {
            return Failure.Validation("lastName", "The last name cannot be blank.");
        }

        if (request.TimeZone is { } zone && !TimeZones.IsValid(zone))
        {
            return Failure.Validation("timeZone", "An IANA time zone such as Europe/Lisbon or UTC.");
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Failure.NotFound("The user");
        }

        user.UpdateProfile(request.FirstName, request.LastName, request.Phone, request.TimeZone, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await cache.RemoveAsync(PublicProfileKey(userId), cancellationToken);
        return UserResponse.From(user);
    }

    /// <summary>Hosting is self-service; the fresh access token carries the new role so the caller need not log in again.</summary>
    public async Task<Outcome<AccessTokenResponse>> BecomeHostAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Failure.NotFound("The user");
        }

        user.Grant(Roles.Host, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await cache.RemoveAsync(PublicProfileKey(userId), cancellationToken);
        return new AccessTokenResponse(UserResponse.From(user), tokens.CreateAccessToken(user, sessionId), (int)tokens.AccessTokenLifetime.TotalSeconds);
    }

    private static readonly System.Linq.Expressions.Expression<Func<User, PublicProfile>> AsPublicProfile = u => new PublicProfile(
        u.Id,
        u.FirstName,
        u.CreatedAt,
        u.Roles.Contains(Roles.Host),
        new RatingSummary(u.HostRatingAverage, u.HostReviewCount),
        new RatingSummary(u.GuestRatingAverage, u.GuestReviewCount),
        u.EmailVerifiedAt != null,
        ResponseSummary.Of(u.HostResponseRate, u.HostResponseMinutes),
        u.SuperhostSince != null,
        u.PhotoKey == null ? null : "/media/" + u.PhotoKey);

    /// <summary>Many public profiles in one query (GraphQL's batch of hosts or guests); unknown ids are left out.</summary>
    public async Task<IReadOnlyDictionary<Guid, PublicProfile>> GetPublicManyAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id))
            .Select(AsPublicProfile)
            .ToDictionaryAsync(p => p.Id, cancellationToken);

    public async Task<Outcome<PublicProfile>> GetPublicAsync(Guid userId, CancellationToken cancellationToken)
    {
        var profile = await cache.GetOrCreateAsync(
            PublicProfileKey(userId),
            async token => await db.Users.AsNoTracking()
                .Where(u => u.Id == userId)
                .Select(AsPublicProfile)
                .SingleOrDefaultAsync(token),
            cancellationToken: cancellationToken);
        return profile is null ? Failure.NotFound("The user") : profile;
    }
}
