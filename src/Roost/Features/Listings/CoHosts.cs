using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Platform.Auth;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Money;
using Roost.Platform.Notifications;

namespace Roost.Features.Listings;

/// <summary>
/// A listing's team: its host invites co-hosts by e-mail address, changes what they may do and removes them; a
/// co-host accepts or declines, and may leave. Every check of what a co-host may do goes through <see cref="AllowsAsync"/>,
/// read from the database on each request, so removing someone takes effect at once.
/// </summary>
public sealed partial class CoHosts(RoostDb db, AccountDirectory accounts, TimeProvider time)
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
        // The listing's row lock makes the team's size and its addresses a check two invitations cannot race past.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
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

        if ((PayoutTermsProblem(request.PayoutPercent, request.PayoutAmount, listing.Currency) ?? PayoutShareProblem(team, except: null, request.PayoutPercent, now)) is { } refused)
        {
            return refused;
        }

        var invitation = CoHost.Invite(listingId, email, request.Access, request.PayoutPercent, request.PayoutAmount, user.UserId(), now);
        db.Add(invitation);
        if (await accounts.HolderOfAsync(email, cancellationToken) is { } invitee)
        {
            Notify.Add(db, invitee, "cohost_invitation", "You are invited to co-host a listing",
                $"The host of \"{listing.Title}\" asks you to help run it ({Describe(request.Access, invitation, listing.Currency)}). Accept by {invitation.ExpiresAt:yyyy-MM-dd} under GET /api/v1/cohosting.",
                new { invitationId = invitation.Id, listingId }, now);
        }
        else
        {
            await Notify.EmailStrangerAsync(db, email, "cohost_invitation", "You are invited to co-host a listing on Roost",
                $"The host of \"{listing.Title}\" asks you to help run it ({Describe(request.Access, invitation, listing.Currency)}). To accept, sign up for Roost with this address ({email}), confirm it, and accept by {invitation.ExpiresAt:yyyy-MM-dd} under GET /api/v1/cohosting.",
                now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
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

    /// <summary>The host changes what a co-host may do, their payout share, or both.</summary>
    public async Task<Outcome<CoHostResponse>> ChangeAsync(Guid listingId, Guid coHostId, ChangeCoHostRequest change, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (change.Access is null && change.PayoutPercent is null && change.PayoutAmount is null)
        {
            return Failure.Validation("access", "Give the access (calendar or reservations), the payoutPercent (0 to 100) or payoutAmount (minor units a stay), or several.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var access = await ListingAccess.ForEditAsync(db, listingId, user, cancellationToken, lockRow: true);
        if (access.Failure is { } failure)
        {
            return failure;
        }

        var team = await db.Set<CoHost>().Where(c => c.ListingId == listingId).ToListAsync(cancellationToken);
        if (team.SingleOrDefault(c => c.Id == coHostId) is not { } coHost)
        {
            return Failure.NotFound("The co-host");
        }

        var now = time.GetUtcNow();
        if (change.PayoutPercent is not null || change.PayoutAmount is not null)
        {
            var (percent, amount) = (change.PayoutPercent ?? coHost.PayoutPercent, change.PayoutAmount ?? coHost.PayoutAmount);
            if ((PayoutTermsProblem(percent, amount, access.Value!.Currency) ?? PayoutShareProblem(team, except: coHost, percent, now)) is { } refused)
            {
                return refused;
            }

            if (coHost.UserId is { } member && (percent, amount) != (coHost.PayoutPercent, coHost.PayoutAmount))
            {
                Notify.Add(db, member, "cohost_payout_changed", "Your payout share changed",
                    $"You now get {Paid(percent, amount, access.Value.Currency)} of stays at \"{access.Value.Title}\" booked from now on (it was {Paid(coHost.PayoutPercent, coHost.PayoutAmount, access.Value.Currency)}); stays booked before keep their share.",
                    new { listingId, coHostId, payoutPercent = percent, payoutAmount = amount }, now);
            }

            coHost.ChangePayout(percent, amount);
        }

        if (change.Access is { } accessLevel)
        {
            coHost.ChangeAccess(accessLevel);
        }

        await db.SaveChangesAsync(cancellationToken);
        await RecountAsync(db, [listingId], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CoHostResponse.From(coHost, access.Value!, now);
    }

    /// <summary>A co-host is paid one way: a percent or a fixed amount a stay, not both; an amount no stay could pay is refused.</summary>
    private static Failure? PayoutTermsProblem(int percent, long amount, string currency) =>
        percent > 0 && amount > 0
            ? Failure.Unprocessable("A co-host is paid a percent of each stay's host payout or a fixed amount of it, not both.",
                new Dictionary<string, string[]> { ["payoutAmount"] = ["Set payoutPercent to 0 for a fixed amount, or this to 0 for a percent."] })
            : amount > Currency.MaxAmount(currency)
                ? Failure.Validation("payoutAmount", $"At most {Currency.MaxAmount(currency)} ({currency} minor units) a stay.")
                : null;

    /// <summary>
    /// The co-hosts' shares, open invitations' included (an acceptance must not take the total past it), may not add up
    /// to more than the whole host payout.
    /// </summary>
    private static Failure? PayoutShareProblem(IEnumerable<CoHost> team, CoHost? except, int percent, DateTimeOffset now)
    {
        var others = team.Where(c => c != except && (c.IsActive || now < c.ExpiresAt)).Sum(c => c.PayoutPercent);
        return others + percent <= CoHost.MaxPayoutPercentTotal ? null : Failure.Unprocessable(
            $"The co-hosts' payout shares would add up to {others + percent} %; together they get at most {CoHost.MaxPayoutPercentTotal} % of the host payout.",
            new Dictionary<string, string[]> { ["payoutPercent"] = [$"At most {CoHost.MaxPayoutPercentTotal - others} for this co-host: the others have {others} %."] });
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

    /// <summary>
    /// The listing's copy of its team (who answers requests, who shares the payout), from the memberships themselves so
    /// it cannot drift; callers hold the listings' row locks or take them here. A booking copies the payout shares from
    /// the listing row it reads anyway, at no extra query.
    /// </summary>
    private static Task RecountAsync(RoostDb db, Guid[] listingIds, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            UPDATE listings l SET
                reservation_co_hosts = (
                    SELECT count(*) FROM listing_cohosts c WHERE c.listing_id = l.id AND c.accepted_at IS NOT NULL AND c.access = 'Reservations'),
                co_host_payouts = (
                    SELECT jsonb_agg(jsonb_build_object('userId', c.user_id, 'percent', c.payout_percent, 'amount', c.payout_amount) ORDER BY c.accepted_at, c.id)
                    FROM listing_cohosts c WHERE c.listing_id = l.id AND c.accepted_at IS NOT NULL AND (c.payout_percent > 0 OR c.payout_amount > 0))
            WHERE l.id = ANY({listingIds})
            """, cancellationToken);

    private Task LockAsync(Guid listingId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT 1 FROM listings WHERE id = {listingId} FOR UPDATE", cancellationToken);

    private static string Describe(CoHostAccess access, CoHost terms, string currency) => (access == CoHostAccess.Calendar
        ? "the calendar"
        : "the calendar, the reservations and the guests' messages")
        + (terms.PayoutPercent > 0 || terms.PayoutAmount > 0 ? $", for {Paid(terms.PayoutPercent, terms.PayoutAmount, currency)} of each stay booked while you co-host" : "");

    private static string Paid(int percent, long amount, string currency) =>
        amount > 0 ? $"{Currency.Format(amount, currency)} of the host payout" : $"{percent} % of the host payout";
}
