using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Accounts;
using Roost.Features.Bookings;
using Roost.Platform.Errors;

namespace Roost.Features.Claims;

public enum ClaimReason
{
    Damage,
    MissingItems,
    ExtraCleaning,
    RuleBreach,
    Other,
}

public enum ClaimStatus
{
    /// <summary>Waiting for the guest: pay or decline.</summary>
    Open,
    Paid,
    Declined,
    /// <summary>Waiting for Roost: the guest declined or did not answer in time, and the host asked Roost to decide.</summary>
    Escalated,
    /// <summary>Roost decided for the host; the guest's card was charged what Roost granted.</summary>
    Approved,
    Rejected,
    Withdrawn,
}

/// <summary>
/// A host asks the guest of a finished stay to pay for damage, missing items or extra cleaning. The guest pays (their
/// card on file is charged and the money goes to the host with the next payout run) or declines; a declined or
/// unanswered claim goes to Roost, which grants all or part of it or rejects it.
/// </summary>
public sealed class DamageClaim
{
    private DamageClaim()
    {
    }

    public Guid Id { get; private set; }

    public Guid BookingId { get; private set; }

    public Guid HostId { get; private set; }

    public Guid GuestId { get; private set; }

    public ClaimReason Reason { get; private set; }

    public string Description { get; private set; } = "";

    /// <summary>What the host asks, in minor units of the booking's currency.</summary>
    public long Amount { get; private set; }

    public string Currency { get; private set; } = "";

    public ClaimStatus Status { get; private set; }

    /// <summary>Until then the guest answers; after it, an open claim goes to Roost.</summary>
    public DateTimeOffset AnswerBy { get; private set; }

    public string? GuestNote { get; private set; }

    public string? DecisionNote { get; private set; }

    public Guid? DecidedBy { get; private set; }

    /// <summary>What the guest's card was charged for it (the whole claim when paid, what Roost granted when approved).</summary>
    public long AmountCharged { get; private set; }

    public string? PaymentIntentId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public bool IsOpen => Status is ClaimStatus.Open or ClaimStatus.Declined or ClaimStatus.Escalated;

    public static DamageClaim File(Booking booking, ClaimReason reason, string description, long amount, TimeSpan answerTime, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        BookingId = booking.Id,
        HostId = booking.HostId,
        GuestId = booking.GuestId,
        Reason = reason,
        Description = description,
        Amount = amount,
        Currency = booking.Currency,
        Status = ClaimStatus.Open,
        AnswerBy = now + answerTime,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>The guest pays it, whether still open, declined earlier, or waiting for Roost: paying ends it.</summary>
    public Failure? PayRefusal() => IsOpen ? null : Closed("paid");

    public void Paid(string intentId, DateTimeOffset now) => Charge(ClaimStatus.Paid, Amount, intentId, now);

    public Failure? Decline(string? note, DateTimeOffset now)
    {
        if (Status != ClaimStatus.Open)
        {
            return Closed("declined");
        }

        GuestNote = note;
        Move(ClaimStatus.Declined, now);
        return null;
    }

    /// <summary>The host asks Roost once the guest declined or let the answer time pass; the job does it for an unanswered one.</summary>
    public Failure? Escalate(DateTimeOffset now)
    {
        if (Status == ClaimStatus.Open && AnswerBy > now)
        {
            return Failure.Conflict("The guest still has time to answer.", $"They have until {AnswerBy:yyyy-MM-dd HH:mm} UTC.");
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
        : granted < 0 || granted > Amount ? Failure.Validation("amount", $"Between 0 and the {Amount} the host asked.")
        : null;

    public void Approved(long granted, string intentId, Guid adminId, string note, DateTimeOffset now)
    {
        (DecidedBy, DecisionNote) = (adminId, note);
        Charge(ClaimStatus.Approved, granted, intentId, now);
    }

    public void Rejected(Guid adminId, string note, DateTimeOffset now)
    {
        (DecidedBy, DecisionNote) = (adminId, note);
        Move(ClaimStatus.Rejected, now);
        ResolvedAt = now;
    }

    private void Charge(ClaimStatus status, long amount, string intentId, DateTimeOffset now)
    {
        AmountCharged = amount;
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

internal sealed class DamageClaimConfiguration : IEntityTypeConfiguration<DamageClaim>
{
    public void Configure(EntityTypeBuilder<DamageClaim> claim)
    {
        claim.ToTable("damage_claims", t =>
        {
            t.HasCheckConstraint("ck_damage_claims_money", "amount > 0 AND amount_charged >= 0 AND amount_charged <= amount");
        });
        claim.HasKey(c => c.Id);
        claim.Property(c => c.Id).ValueGeneratedNever();
        claim.Property(c => c.Reason).HasConversion<string>().HasMaxLength(20);
        claim.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        claim.Property(c => c.Description).HasMaxLength(2000);
        claim.Property(c => c.Currency).HasMaxLength(3);
        claim.Property(c => c.GuestNote).HasMaxLength(1000);
        claim.Property(c => c.DecisionNote).HasMaxLength(1000);
        claim.Property(c => c.PaymentIntentId).HasMaxLength(64);
        claim.Ignore(c => c.IsOpen);
        claim.HasOne<Booking>().WithMany().HasForeignKey(c => c.BookingId).OnDelete(DeleteBehavior.Restrict);
        claim.HasOne<User>().WithMany().HasForeignKey(c => c.HostId).OnDelete(DeleteBehavior.Restrict);
        claim.HasOne<User>().WithMany().HasForeignKey(c => c.GuestId).OnDelete(DeleteBehavior.Restrict);
        // One claim a stay (a withdrawn one does not count): the host itemizes what went wrong in it.
        claim.HasIndex(c => c.BookingId).IsUnique().HasFilter("status <> 'Withdrawn'").HasDatabaseName("ux_damage_claims_one_per_stay");
        claim.HasIndex(c => new { c.Status, c.UpdatedAt });
        claim.HasIndex(c => c.AnswerBy).HasFilter("status = 'Open'");
    }
}
