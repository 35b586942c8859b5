using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using StackExchange.Redis;
using Roost.Features.Accounts;
using Roost.Platform.Auth;
using Roost.Platform.Caching;
using Roost.Platform.Data;
using Roost.Platform.Errors;

namespace Roost.Features.Listings;

public sealed class ListingReader(RoostDb db, HybridCache cache, Profiles profiles)
{
    internal static string PublicDetailKey(Guid listingId) => $"listing:{listingId:N}";

    /// <summary>
    /// The public detail is cached (it is the hottest read after search); the owner's and an admin's view are read
    /// fresh, so a host always sees their own edit at once.
    /// </summary>
    public async Task<Outcome<ListingResponse>> GetAsync(Guid listingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.Identity?.IsAuthenticated == true ? user.UserId() : (Guid?)null;
        var owner = await db.Listings.AsNoTracking().Where(l => l.Id == listingId).Select(l => (Guid?)l.HostId).SingleOrDefaultAsync(cancellationToken);
        if (owner is null)
        {
            return Failure.NotFound("The listing");
        }

        if (owner == userId || user.IsAdmin())
        {
            var listing = await db.Listings.AsNoTracking().Include(l => l.Photos).SingleAsync(l => l.Id == listingId, cancellationToken);
            return await ResponseAsync(listing, forOwner: true, cancellationToken);
        }

        var response = await cache.GetOrCreateAsync(
            PublicDetailKey(listingId),
            async token =>
            {
                var listing = await db.Listings.AsNoTracking().Include(l => l.Photos).SingleOrDefaultAsync(l => l.Id == listingId, token);
                return listing is null || !listing.IsVisibleTo(null, false) ? null : await ResponseAsync(listing, forOwner: false, token);
            },
            cancellationToken: cancellationToken);
        // The host's part is taken fresh from their profile's cache entry, which their own changes invalidate: the
        // copy cached with the listing would show a new photo, name or Superhost badge only once it expired.
        return response is null ? Failure.NotFound("The listing") : response with { Host = await HostAsync(response.HostId, cancellationToken) };
    }

    /// <summary>
    /// Many listings as <paramref name="user"/> may see them, in one query whatever their number (GraphQL's batch of
    /// a search page's listings): each with its photos and its host's summary. Ones the caller may not see are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, ListingResponse>> GetManyAsync(IReadOnlyCollection<Guid> listingIds, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.Identity?.IsAuthenticated == true ? user.UserId() : (Guid?)null;
        var admin = user.IsAdmin();
        var rows = await db.Listings.AsNoTracking().Include(l => l.Photos)
            .Where(l => listingIds.Contains(l.Id))
            .Join(db.Users, l => l.HostId, u => u.Id, (l, u) => new { Listing = l, Host = new HostSummary(u.Id, u.FirstName, u.CreatedAt, u.HostRatingAverage, u.HostReviewCount, ResponseSummary.Of(u.HostResponseRate, u.HostResponseMinutes), u.SuperhostSince != null, u.PhotoKey == null ? null : "/media/" + u.PhotoKey) })
            .ToListAsync(cancellationToken);
        return rows.Where(r => r.Listing.IsVisibleTo(userId, admin))
            .ToDictionary(r => r.Listing.Id, r => ListingResponse.From(r.Listing, r.Host, forOwner: r.Listing.HostId == userId || admin));
    }

    /// <summary>Every listing of the host, archived ones too, as the owner sees them.</summary>
    public async Task<IReadOnlyList<ListingResponse>> AllOfHostAsync(Guid hostId, CancellationToken cancellationToken)
    {
        var listings = await db.Listings.AsNoTracking().Include(l => l.Photos).Where(l => l.HostId == hostId).OrderBy(l => l.CreatedAt).ToListAsync(cancellationToken);
        if (listings.Count == 0)
        {
            return [];
        }

        var host = await HostAsync(hostId, cancellationToken);
        return [.. listings.Select(listing => ListingResponse.From(listing, host, forOwner: true))];
    }

    /// <summary>
    /// Where the home is and how to get in, with its host's name and phone: what only the host sees on the listing. For
    /// a caller that has settled who may know it (a booking's confirmed guest).
    /// </summary>
    public Task<PrivateListingDetails> PrivateDetailsAsync(Guid listingId, CancellationToken cancellationToken) =>
        db.Listings.AsNoTracking()
            .Where(l => l.Id == listingId)
            .Join(db.Users, l => l.HostId, u => u.Id, (l, u) => new PrivateListingDetails(l.Title, l.Address, l.Latitude, l.Longitude, l.CheckInInstructions, l.HouseRules, u.FirstName, u.Phone))
            .SingleAsync(cancellationToken);

    public async Task<ListingResponse> ResponseAsync(Listing listing, bool forOwner, CancellationToken cancellationToken) =>
        ListingResponse.From(listing, await HostAsync(listing.HostId, cancellationToken), forOwner);

    /// <summary>The host as their public profile shows them (cached, and invalidated by every change to it).</summary>
    private async Task<HostSummary> HostAsync(Guid hostId, CancellationToken cancellationToken)
    {
        var profile = (await profiles.GetPublicAsync(hostId, cancellationToken)).Value
            ?? throw new InvalidOperationException($"The host {hostId} of a listing has no profile.");
        return new HostSummary(profile.Id, profile.FirstName, profile.JoinedAt, profile.AsHost.Average, profile.AsHost.Count, profile.HostResponse, profile.Superhost, profile.PhotoUrl);
    }
}

/// <summary>
/// Tells whoever keeps derived copies of a listing (the public detail cache now, search results later) that it
/// changed. Calendar and booking changes call it too, so a cached read never offers a night that was just taken.
/// </summary>
public sealed class ListingChanges(HybridCache cache, RedisKeyspace redis, ILogger<ListingChanges> logger)
{
    private const string GenerationKey = "listings:generation";

    /// <summary>The listing itself changed: its cached detail goes, and results derived from listings move on.</summary>
    public async Task ChangedAsync(Guid listingId, CancellationToken cancellationToken)
    {
        await cache.RemoveAsync(ListingReader.PublicDetailKey(listingId), cancellationToken);
        AvailabilityChanged();
    }

    /// <summary>
    /// Only which nights are free changed (a booking, a block, an import): the detail does not show nights, so it
    /// stays cached, and results that filter by dates move on. The bump is not waited for: commands on one Redis
    /// connection run in order, so this process's next read of the generation already sees it, and a booking need
    /// not pay a round trip for a number nobody reads back.
    /// </summary>
    public void AvailabilityChanged()
    {
        try
        {
            redis.Database.StringIncrement(GenerationKey, flags: CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Without Redis there is no shared cache to invalidate: readers skip it too (GenerationAsync is null).
            logger.LogDebug("Listing change not published: Redis unreachable");
        }
    }

    /// <summary>
    /// Moves on with every change to any listing, its calendar or its bookings. Caches of derived results key on it;
    /// null when Redis is unreachable, and then nothing should be cached.
    /// </summary>
    public async Task<long?> GenerationAsync()
    {
        try
        {
            var value = await redis.Database.StringGetAsync(GenerationKey);
            return value.HasValue ? (long)value : 0;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return null;
        }
    }
}
