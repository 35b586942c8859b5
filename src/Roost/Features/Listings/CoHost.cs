using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Accounts;
using Roost.Platform.Errors;

namespace Roost.Features.Listings;

/// <summary>What a co-host may do for a listing: each level includes the one before it.</summary>
public enum CoHostAccess
{
    /// <summary>The calendar: nights, prices, minimum stays, imported and exported calendars.</summary>
    Calendar,

    /// <summary>Also the listing's reservations and guests: reading bookings, answering requests to book, and the listing's conversations.</summary>
    Reservations,
}

/// <summary>
/// Someone a host asked to help run a listing. The invitation names an e-mail address; whoever holds it, confirmed,
/// accepts it and becomes the co-host. Co-hosts never touch the listing's description, prices set on the listing,
/// cancellations or the host's money; the host may give one a share of each stay's payout, which Roost pays them
/// directly.
/// </summary>
public sealed class CoHost
{
    public const int MaxPerListing = 10;

    /// <summary>What the co-hosts of one listing may share between them: the host decides, and may give it all.</summary>
    public const int MaxPayoutPercentTotal = 100;
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(14);

    private CoHost()
    {
    }

    public Guid Id { get; private set; }

    public Guid ListingId { get; private set; }

    /// <summary>The invited address, normalised as accounts store it.</summary>
    public string Email { get; private set; } = "";

    public Guid? UserId { get; private set; }

    public CoHostAccess Access { get; private set; }

    /// <summary>The co-host's share of the host payout of stays booked from now on; stays already booked keep theirs.</summary>
    public int PayoutPercent { get; private set; }

    /// <summary>
    /// Or a fixed amount of each such stay's host payout, in minor units of the listing's currency (never both: a
    /// co-host is paid one way).
    /// </summary>
    public long PayoutAmount { get; private set; }

    public Guid InvitedBy { get; private set; }

    public DateTimeOffset InvitedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public bool IsActive => AcceptedAt is not null;

    public static CoHost Invite(Guid listingId, string normalizedEmail, CoHostAccess access, int payoutPercent, long payoutAmount, Guid invitedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ListingId = listingId,
        Email = normalizedEmail,
        Access = access,
        PayoutPercent = payoutPercent,
        PayoutAmount = payoutAmount,
        InvitedBy = invitedBy,
        InvitedAt = now,
        ExpiresAt = now + InvitationLifetime,
    };

    /// <summary>Only the confirmed holder of the invited address may take the invitation, and only while it is open.</summary>
    public Failure? Accept(Guid userId, bool emailConfirmed, DateTimeOffset now)
    {
        if (IsActive)
        {
            return Failure.Conflict("This invitation was already accepted.");
        }

        if (now >= ExpiresAt)
        {
            return Failure.Conflict("This invitation expired.", "Ask the host to invite you again.");
        }

        if (!emailConfirmed)
        {
            return Failure.Forbidden("Confirm your e-mail address first: the invitation is for whoever holds it.");
        }

        UserId = userId;
        AcceptedAt = now;
        return null;
    }

    public void ChangeAccess(CoHostAccess access) => Access = access;

    public void ChangePayout(int percent, long amount) => (PayoutPercent, PayoutAmount) = (percent, amount);
}

internal sealed class CoHostConfiguration : IEntityTypeConfiguration<CoHost>
{
    public void Configure(EntityTypeBuilder<CoHost> coHost)
    {
        coHost.ToTable("listing_cohosts", t =>
        {
            t.HasCheckConstraint("ck_listing_cohosts_accepted", "(accepted_at IS NULL) = (user_id IS NULL)");
            t.HasCheckConstraint("ck_listing_cohosts_payout_percent", "payout_percent BETWEEN 0 AND 100");
            // Paid one way: a percent or a fixed amount, never both.
            t.HasCheckConstraint("ck_listing_cohosts_payout_amount", "payout_amount >= 0 AND (payout_amount = 0 OR payout_percent = 0)");
        });
        coHost.HasKey(c => c.Id);
        coHost.Property(c => c.Id).ValueGeneratedNever();
        coHost.Property(c => c.Email).HasMaxLength(254);
        coHost.Property(c => c.Access).HasConversion<string>().HasMaxLength(20);
        coHost.HasOne<Listing>().WithMany().HasForeignKey(c => c.ListingId).OnDelete(DeleteBehavior.Cascade);
        coHost.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        coHost.HasOne<User>().WithMany().HasForeignKey(c => c.InvitedBy).OnDelete(DeleteBehavior.Restrict);
        // One invitation an address a listing, and one membership a person: a second invite is a conflict, not a copy.
        coHost.HasIndex(c => new { c.ListingId, c.Email }).IsUnique();
        coHost.HasIndex(c => new { c.ListingId, c.UserId }).IsUnique();
        coHost.HasIndex(c => c.UserId);
        coHost.HasIndex(c => c.Email);
    }
}
