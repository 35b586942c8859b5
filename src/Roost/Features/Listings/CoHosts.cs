using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Platform.Auth;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Notifications;

namespace Roost.Features.Listings;

public sealed record InviteCoHostRequest([Required, EmailAddress, MaxLength(254)] string Email, CoHostAccess Access = CoHostAccess.Reservations);

public sealed record ChangeCoHostRequest([Required] CoHostAccess? Access);

/// <param name="Status">invited (waiting for the invited address), active, or expired.</param>
public sealed record CoHostResponse(
    Guid Id, Guid ListingId, string ListingTitle, Guid HostId, string Email, Guid? UserId, CoHostAccess Access, string Status,
    DateTimeOffset InvitedAt, DateTimeOffset ExpiresAt, DateTimeOffset? AcceptedAt)
{
    public static CoHostResponse From(CoHost c, Listing l, DateTimeOffset now) => new(
        c.Id, c.ListingId, l.Title, l.HostId, c.Email, c.UserId, c.Access,
        c.IsActive ? "active" : now >= c.ExpiresAt ? "expired" : "invited", c.InvitedAt, c.ExpiresAt, c.AcceptedAt);
}

/// <summary>
/// A listing's team: its host invites co-hosts by e-mail address, changes what they may do and removes them; a
/// co-host accepts or declines, and may leave. Every check of what a co-host may do goes through <see cref="AllowsAsync"/>,
/// read from the database on each request, so removing someone takes effect at once.
/// </summary>
public sealed class CoHosts(RoostDb db, AccountDirectory accounts, TimeProvider time)
{
    // Access is stored by name, so "at least" is spelled out rather than compared: Reservations includes Calendar.
    public static Task<bool> AllowsAsync(RoostDb db, Guid listingId, Guid userId, CoHostAccess needed, CancellationToken cancellationToken) =>
        db.Set<CoHost>().AnyAsync(c => c.ListingId == listingId && c.UserId == userId && c.AcceptedAt != null && (needed == CoHostAccess.Calendar || c.Access == CoHostAccess.Reservations), cancellationToken);

    /// <summary>The people who co-host the listing with at least this access.</summary>
    public static IQueryable<Guid> MembersOf(RoostDb db, Guid listingId, CoHostAccess needed) =>
        db.Set<CoHost>().Where(c => c.ListingId == listingId && c.UserId != null && c.AcceptedAt != null && (needed == CoHostAccess.Calendar || c.Access == CoHostAccess.Reservations)).Select(c => c.UserId!.Value);

    /// <summary>The listings the user co-hosts with at least this access.</summary>
    public static IQueryable<Guid> ListingsOf(RoostDb db, Guid userId, CoHostAccess needed) =>
        db.Set<CoHost>().Where(c => c.UserId == userId && c.AcceptedAt != null && (needed == CoHostAccess.Calendar || c.Access == CoHostAccess.Reservations)).Select(c => c.ListingId);

    public async Task<Outcome<CoHostResponse>> InviteAsync(Guid listingId, InviteCoHostRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var access = await ListingAccess.ForEditAsync(db, listingId, user, cancellationToken, lockRow: true);
        if (access.Failure is { } failure)
        {
            return failure;
        }

        var listing = access.Value!;
        var email = EmailAddress.Normalize(request.Email);
        var (hostEmail, _) = await accounts.AddressOfAsync(listing.HostId, cancellationToken);
        if (email == hostEmail)
        {
            return Failure.Unprocessable("That is the host's own address.", new Dictionary<string, string[]> { ["email"] = ["The host runs the listing already."] });
        }

        var now = time.GetUtcNow();
        var team = await db.Set<CoHost>().Where(c => c.ListingId == listingId).ToListAsync(cancellationToken);
        if (team.FirstOrDefault(c => c.Email == email) is { } earlier)
        {
            if (earlier.IsActive || now < earlier.ExpiresAt)
            {
                return Failure.Conflict("That address is already invited to this listing.", "Change its access or remove it instead.");
            }

            db.Remove(earlier);
            team.Remove(earlier);
        }

        if (team.Count(c => c.IsActive || now < c.ExpiresAt) >= CoHost.MaxPerListing)
        {
            return Failure.Unprocessable($"A listing has at most {CoHost.MaxPerListing} co-hosts and open invitations.");
        }

        var invitation = CoHost.Invite(listingId, email, request.Access, user.UserId(), now);
        db.Add(invitation);
        if (await accounts.HolderOfAsync(email, cancellationToken) is { } invitee)
        {
            Notify.Add(db, invitee, "cohost_invitation", "You are invited to co-host a listing",
                $"The host of \"{listing.Title}\" asks you to help run it ({Describe(request.Access)}). Accept by {invitation.ExpiresAt:yyyy-MM-dd} under GET /api/v1/cohosting.",
                new { invitationId = invitation.Id, listingId }, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return CoHostResponse.From(invitation, listing, now);
    }

    public async Task<Outcome<IReadOnlyList<CoHostResponse>>> TeamAsync(Guid listingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var access = await ListingAccess.ForEditAsync(db, listingId, user, cancellationToken);
        if (access.Failure is { } failure)
        {
            return failure;
        }

        var now = time.GetUtcNow();
        var team = await db.Set<CoHost>().AsNoTracking().Where(c => c.ListingId == listingId).OrderBy(c => c.InvitedAt).ToListAsync(cancellationToken);
        return team.Select(c => CoHostResponse.From(c, access.Value!, now)).ToList();
    }

    public async Task<Outcome<CoHostResponse>> ChangeAccessAsync(Guid listingId, Guid coHostId, CoHostAccess accessLevel, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var access = await ListingAccess.ForEditAsync(db, listingId, user, cancellationToken, lockRow: true);
        if (access.Failure is { } failure)
        {
            return failure;
        }

        var coHost = await db.Set<CoHost>().SingleOrDefaultAsync(c => c.Id == coHostId && c.ListingId == listingId, cancellationToken);
        if (coHost is null)
        {
            return Failure.NotFound("The co-host");
        }

        coHost.ChangeAccess(accessLevel);
        await db.SaveChangesAsync(cancellationToken);
        await RecountAsync(db, [listingId], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CoHostResponse.From(coHost, access.Value!, time.GetUtcNow());
    }

    /// <summary>The host (or an admin) removes a co-host or withdraws an invitation; a co-host may remove themselves.</summary>
    public async Task<Failure?> RemoveAsync(Guid listingId, Guid coHostId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(listingId, cancellationToken);
        var coHost = await db.Set<CoHost>().SingleOrDefaultAsync(c => c.Id == coHostId && c.ListingId == listingId, cancellationToken);
        var leaving = coHost is not null && coHost.UserId == user.UserId();
        if (!leaving)
        {
            var access = await ListingAccess.ForEditAsync(db, listingId, user, cancellationToken);
            if (access.Failure is { } failure)
            {
                return failure;
            }

            if (coHost is null)
            {
                return Failure.NotFound("The co-host");
            }
        }

        var now = time.GetUtcNow();
        if (coHost!.UserId is { } member)
        {
            var listing = await db.Listings.Where(l => l.Id == listingId).Select(l => new { l.Title, l.HostId }).SingleAsync(cancellationToken);
            var (told, body) = leaving
                ? (listing.HostId, $"A co-host left \"{listing.Title}\".")
                : (member, $"You no longer co-host \"{listing.Title}\".");
            Notify.Add(db, told, "cohost_removed", leaving ? "A co-host left" : "You were removed as co-host", body, new { listingId }, now);
        }

        db.Remove(coHost);
        await db.SaveChangesAsync(cancellationToken);
        await RecountAsync(db, [listingId], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>Open invitations to the caller's address and the listings they co-host.</summary>
    public async Task<IReadOnlyList<CoHostResponse>> MineAsync(Guid userId, CancellationToken cancellationToken)
    {
        var (email, _) = await accounts.AddressOfAsync(userId, cancellationToken);
        var now = time.GetUtcNow();
        var rows = await db.Set<CoHost>().AsNoTracking()
            .Where(c => c.UserId == userId || (c.UserId == null && c.Email == email && c.ExpiresAt > now))
            .Join(db.Listings, c => c.ListingId, l => l.Id, (c, l) => new { CoHost = c, Listing = l })
            .OrderByDescending(r => r.CoHost.InvitedAt)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => CoHostResponse.From(r.CoHost, r.Listing, now))];
    }

    public async Task<Outcome<CoHostResponse>> AnswerAsync(Guid invitationId, bool accept, Guid userId, CancellationToken cancellationToken)
    {
        var (email, confirmed) = await accounts.AddressOfAsync(userId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var listingId = await db.Set<CoHost>().Where(c => c.Id == invitationId && c.Email == email).Select(c => (Guid?)c.ListingId).SingleOrDefaultAsync(cancellationToken);
        if (listingId is { } held)
        {
            await LockAsync(held, cancellationToken);
        }

        var invitation = await db.Set<CoHost>().SingleOrDefaultAsync(c => c.Id == invitationId && c.Email == email, cancellationToken);
        var listing = invitation is null ? null : await db.Listings.AsNoTracking().SingleAsync(l => l.Id == invitation.ListingId, cancellationToken);
        if (invitation is null || listing is null || (invitation.UserId is { } taker && taker != userId))
        {
            return Failure.NotFound("The invitation");
        }

        var now = time.GetUtcNow();
        if (accept && invitation.Accept(userId, confirmed, now) is { } refused)
        {
            return refused;
        }

        if (!accept && invitation.IsActive)
        {
            return Failure.Conflict("You accepted this invitation already; leave with DELETE /api/v1/listings/{id}/cohosts/{cohostId}.");
        }

        if (!accept)
        {
            db.Remove(invitation);
        }

        Notify.Add(db, listing.HostId, accept ? "cohost_accepted" : "cohost_declined", accept ? "A co-host joined" : "A co-host invitation was declined",
            $"{invitation.Email} {(accept ? "now co-hosts" : "will not co-host")} \"{listing.Title}\".", new { listingId = listing.Id }, now);
        await db.SaveChangesAsync(cancellationToken);
        await RecountAsync(db, [listing.Id], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CoHostResponse.From(invitation, listing, now);
    }

    /// <summary>A closed account co-hosts nothing, and invitations to its old address lapse with it.</summary>
    public sealed class Erasure(RoostDb db) : IAccountErasure
    {
        public async Task EraseAsync(Guid userId, string formerNormalizedEmail, CancellationToken cancellationToken)
        {
            var memberships = db.Set<CoHost>().Where(c => c.UserId == userId || (c.UserId == null && c.Email == formerNormalizedEmail));
            var listings = await memberships.Select(c => c.ListingId).ToArrayAsync(cancellationToken);
            await memberships.ExecuteDeleteAsync(cancellationToken);
            await RecountAsync(db, listings, cancellationToken);
        }
    }

    /// <summary>Counts from the memberships themselves, so the figure cannot drift; callers hold the listings' row locks or take them here.</summary>
    private static Task RecountAsync(RoostDb db, Guid[] listingIds, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            UPDATE listings l SET reservation_co_hosts = (
                SELECT count(*) FROM listing_cohosts c WHERE c.listing_id = l.id AND c.accepted_at IS NOT NULL AND c.access = 'Reservations')
            WHERE l.id = ANY({listingIds})
            """, cancellationToken);

    private Task LockAsync(Guid listingId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT 1 FROM listings WHERE id = {listingId} FOR UPDATE", cancellationToken);

    private static string Describe(CoHostAccess access) => access == CoHostAccess.Calendar
        ? "the calendar"
        : "the calendar, the reservations and the guests' messages";
}
