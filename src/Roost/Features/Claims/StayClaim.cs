using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Accounts;
using Roost.Features.Bookings;
using Roost.Platform.Errors;

namespace Roost.Features.Claims;

/// <summary>Which side asks: the host for damage to be paid, or the guest for money back.</summary>
public enum ClaimKind
{
    /// <summary>The host asks the guest to pay for damage, missing items, extra cleaning or a broken rule.</summary>
    Damage,
    /// <summary>The guest asks the host for part of the price back: the home was not as described, not clean, something was missing or broken.</summary>
    Refund,
}

public enum ClaimReason
{
    Damage,
    MissingItems,
    ExtraCleaning,
    RuleBreach,
    NotAsDescribed,
    Cleanliness,
    MissingAmenities,
    AccessProblem,
    Other,
}

public enum ClaimStatus
{
    /// <summary>Waiting for the other side: accept or decline.</summary>
    Open,
    /// <summary>The other side accepted: the guest paid the host's claim, or the host gave the guest's refund.</summary>
    Accepted,
    Declined,
    /// <summary>Waiting for Roost: declined, or not answered in time, and sent to Roost to decide.</summary>
    Escalated,
    /// <summary>Roost decided for whoever asked, all or part of it, and the money moved.</summary>
    Approved,
    Rejected,
    Withdrawn,
}

/// <summary>
/// Money one side of a stay asks of the other. A host asks the guest of a finished stay to pay for damage: the guest
/// accepts (their card on file is charged; the host is paid with the next payout run) or declines. A guest asks the
/// host for money back for a stay that fell short: the host accepts (refunded to the card, out of what the host is
/// owed for the stay) or declines. A declined or unanswered claim goes to Roost, which grants all or part or rejects.
/// </summary>
public sealed class StayClaim
{
    private StayClaim()
    {
    }

    public Guid Id { get; private set; }

    public Guid BookingId { get; private set; }

    public Guid HostId { get; private set; }

    public Guid GuestId { get; private set; }

    public ClaimKind Kind { get; private set; }

    public ClaimReason Reason { get; private set; }

    public string Description { get; private set; } = "";

    /// <summary>What is asked, in minor units of the booking's currency.</summary>
    public long Amount { get; private set; }

    public string Currency { get; private set; } = "";

    public ClaimStatus Status { get; private set; }

    /// <summary>Until then the other side answers; after it, an open claim goes to Roost.</summary>
    public DateTimeOffset AnswerBy { get; private set; }

    /// <summary>What the side that was asked said when declining.</summary>
    public string? AnswerNote { get; private set; }

    public string? DecisionNote { get; private set; }

    public Guid? DecidedBy { get; private set; }

    /// <summary>What moved for it: charged to the guest's card (damage) or refunded to it (refund).</summary>
    public long AmountSettled { get; private set; }

    /// <summary>The guest's payment for a damage claim; a refund goes back over the stay's own payments.</summary>
    public string? PaymentIntentId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public bool IsOpen => Status is ClaimStatus.Open or ClaimStatus.Declined or ClaimStatus.Escalated;

    /// <summary>The side that asks: the host for damage, the guest for a refund.</summary>
    public Guid FiledBy => Kind == ClaimKind.Damage ? HostId : GuestId;

    /// <summary>The side asked to accept or decline.</summary>
    public Guid AskedOf => Kind == ClaimKind.Damage ? GuestId : HostId;

    public static StayClaim File(Booking booking, ClaimKind kind, ClaimReason reason, string description, long amount, TimeSpan answerTime, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        BookingId = booking.Id,
        HostId = booking.HostId,
        GuestId = booking.GuestId,
        Kind = kind,
        Reason = reason,
        Description = description,
        Amount = amount,
        Currency = booking.Currency,
        Status = ClaimStatus.Open,
        AnswerBy = now + answerTime,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>The side asked accepts, whether still open, declined earlier, or waiting for Roost: accepting ends it.</summary>
    public Failure? AcceptRefusal() => IsOpen ? null : Closed("accepted");

    public void Accepted(long amount, string? intentId, DateTimeOffset now) => Settle(ClaimStatus.Accepted, amount, intentId, now);

    public Failure? Decline(string? note, DateTimeOffset now)
    {
        if (Status != ClaimStatus.Open)
        {
            return Closed("declined");
        }

        AnswerNote = note;
        Move(ClaimStatus.Declined, now);
        return null;
    }

    /// <summary>Whoever asked sends it to Roost once declined or unanswered in time; the job does it for an unanswered one.</summary>
    public Failure? Escalate(DateTimeOffset now)
    {
        if (Status == ClaimStatus.Open && AnswerBy > now)
        {
            return Failure.Conflict($"The {(Kind == ClaimKind.Damage ? "guest" : "host")} still has time to answer.", $"Until {AnswerBy:yyyy-MM-dd HH:mm} UTC.");
        }

        if (Status is not (ClaimStatus.Open or ClaimStatus.Declined))
        {
            return Closed("escalated");
        }

        Move(ClaimStatus.Escalated, now);
        return null;
    }

    public Failure? Withdraw(DateTimeOffset now)
    {
        if (!IsOpen)
        {
            return Closed("withdrawn");
        }

        Move(ClaimStatus.Withdrawn, now);
        ResolvedAt = now;
        return null;
    }

    public Failure? DecisionRefusal(long granted) =>
        Status != ClaimStatus.Escalated ? Closed("decided")
        : granted < 0 || granted > Amount ? Failure.Validation("amount", $"Between 0 and the {Amount} asked.")
        : null;

    public void Approved(long granted, string? intentId, Guid adminId, string note, DateTimeOffset now)
    {
        (DecidedBy, DecisionNote) = (adminId, note);
        Settle(ClaimStatus.Approved, granted, intentId, now);
    }

    public void Rejected(Guid adminId, string note, DateTimeOffset now)
    {
        (DecidedBy, DecisionNote) = (adminId, note);
        Move(ClaimStatus.Rejected, now);
        ResolvedAt = now;
    }

    private void Settle(ClaimStatus status, long amount, string? intentId, DateTimeOffset now)
    {
        AmountSettled = amount;
        PaymentIntentId = intentId;
        Move(status, now);
        ResolvedAt = now;
    }

    private void Move(ClaimStatus status, DateTimeOffset now)
    {
        Status = status;
        UpdatedAt = now;
    }

    private Failure Closed(string verb) =>
        Failure.Conflict($"A claim that is {System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(Status.ToString())} cannot be {verb}.");
}

internal sealed class StayClaimConfiguration : IEntityTypeConfiguration<StayClaim>
{
    public void Configure(EntityTypeBuilder<StayClaim> claim)
    {
        claim.ToTable("stay_claims", t =>
        {
            t.HasCheckConstraint("ck_stay_claims_money", "amount > 0 AND amount_settled >= 0 AND amount_settled <= amount");
        });
        claim.HasKey(c => c.Id);
        claim.Property(c => c.Id).ValueGeneratedNever();
        claim.Property(c => c.Kind).HasConversion<string>().HasMaxLength(10);
        claim.Property(c => c.Reason).HasConversion<string>().HasMaxLength(20);
        claim.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        claim.Property(c => c.Description).HasMaxLength(2000);
        claim.Property(c => c.Currency).HasMaxLength(3);
        claim.Property(c => c.AnswerNote).HasMaxLength(1000);
        claim.Property(c => c.DecisionNote).HasMaxLength(1000);
        claim.Property(c => c.PaymentIntentId).HasMaxLength(64);
        claim.Ignore(c => c.IsOpen);
        claim.Ignore(c => c.FiledBy);
        claim.Ignore(c => c.AskedOf);
        claim.HasOne<Booking>().WithMany().HasForeignKey(c => c.BookingId).OnDelete(DeleteBehavior.Restrict);
        claim.HasOne<User>().WithMany().HasForeignKey(c => c.HostId).OnDelete(DeleteBehavior.Restrict);
        claim.HasOne<User>().WithMany().HasForeignKey(c => c.GuestId).OnDelete(DeleteBehavior.Restrict);
        // One claim a side a stay (a withdrawn one does not count): it itemizes everything that went wrong.
        claim.HasIndex(c => new { c.BookingId, c.Kind }).IsUnique().HasFilter("status <> 'Withdrawn'").HasDatabaseName("ux_stay_claims_one_a_side");
        claim.HasIndex(c => new { c.Status, c.UpdatedAt });
        claim.HasIndex(c => c.AnswerBy).HasFilter("status = 'Open'");
    }
}
