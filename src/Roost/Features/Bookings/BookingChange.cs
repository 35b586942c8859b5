using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Accounts;
using Roost.Platform.Errors;

namespace Roost.Features.Bookings;

public enum BookingChangeStatus
{
    Pending,
    Accepted,
    Declined,
    Withdrawn,
    Expired,
}

/// <summary>
/// One side of a confirmed stay asks for other dates or another number of guests; the other side accepts or
/// declines. The new quote is priced when asked and is what both agree to: it is the price the guest pays or is
/// refunded the difference to, even if the host changes prices before answering.
/// </summary>
public sealed class BookingChange
{
    private BookingChange()
    {
    }

    public Guid Id { get; private set; }

    public Guid BookingId { get; private set; }

    public Guid ProposedBy { get; private set; }

    /// <summary>guest or host: the other one answers.</summary>
    public string ProposerRole { get; private set; } = "";

    public DateOnly CheckIn { get; private set; }

    public DateOnly CheckOut { get; private set; }

    public int Guests { get; private set; }

    public Quote Quote { get; private set; } = null!;

    /// <summary>The booking's total when this was asked: the difference is measured against it.</summary>
    public long PreviousTotal { get; private set; }

    public string Currency { get; private set; } = "";

    public string? Message { get; private set; }

    public BookingChangeStatus Status { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Guid? AnsweredBy { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>Charged on acceptance for a dearer stay.</summary>
    public long Charged { get; private set; }

    /// <summary>Refunded on acceptance for a cheaper one.</summary>
    public long Refunded { get; private set; }

    public long Difference => Quote.Total.Amount - PreviousTotal;

    public static BookingChange Propose(Booking booking, Actor proposer, Quote quote, string? message, DateTimeOffset expiresAt, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        BookingId = booking.Id,
        ProposedBy = proposer.UserId!.Value,
        ProposerRole = proposer.Role,
        CheckIn = quote.CheckIn,
        CheckOut = quote.CheckOut,
        Guests = quote.Guests,
        Quote = quote,
        PreviousTotal = booking.Total,
        Currency = booking.Currency,
        Message = message,
        Status = BookingChangeStatus.Pending,
        ExpiresAt = expiresAt,
        CreatedAt = now,
    };

    /// <summary>Why <paramref name="actor"/> may not answer it now, or null: only the side that did not ask, and only in time.</summary>
    public Failure? AnswerRefusal(Actor actor, DateTimeOffset now)
    {
        if (actor.Role == ProposerRole || actor.Role == "admin")
        {
            return Failure.Forbidden(ProposerRole == "guest" ? "The host answers the guest's change." : "The guest answers the host's change.");
        }

        return OpenRefusal(now);
    }

    public Failure? OpenRefusal(DateTimeOffset now)
    {
        if (Status != BookingChangeStatus.Pending)
        {
            return Failure.Conflict($"This change is already {JsonNamingPolicy.SnakeCaseLower.ConvertName(Status.ToString())}.");
        }

        return ExpiresAt <= now ? Failure.Conflict("This change expired before it was answered.") : null;
    }

    public void Accept(Actor actor, long charged, long refunded, DateTimeOffset now)
    {
        Charged = charged;
        Refunded = refunded;
        Close(BookingChangeStatus.Accepted, actor, now);
    }

    public void Decline(Actor actor, DateTimeOffset now) => Close(BookingChangeStatus.Declined, actor, now);

    public void Withdraw(Actor actor, DateTimeOffset now) => Close(BookingChangeStatus.Withdrawn, actor, now);

    /// <summary>Unanswered in time, or the stay it would change was cancelled or has begun.</summary>
    public void Expire(DateTimeOffset now) => Close(BookingChangeStatus.Expired, Actor.System, now);

    private void Close(BookingChangeStatus status, Actor actor, DateTimeOffset now)
    {
        Status = status;
        AnsweredBy = actor.UserId;
        AnsweredAt = now;
    }
}

internal sealed class BookingChangeConfiguration : IEntityTypeConfiguration<BookingChange>
{
    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<BookingChange> change)
    {
        change.ToTable("booking_changes", t =>
        {
            t.HasCheckConstraint("ck_booking_changes_stay", "check_out > check_in AND guests >= 1");
            t.HasCheckConstraint("ck_booking_changes_money", "charged >= 0 AND refunded >= 0");
        });
        change.HasKey(c => c.Id);
        change.Property(c => c.Id).ValueGeneratedNever();
        change.Property(c => c.ProposerRole).HasMaxLength(20);
        change.Property(c => c.Currency).HasMaxLength(3);
        change.Property(c => c.Message).HasMaxLength(2000);
        change.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        change.Property(c => c.Quote)
            .HasColumnType("jsonb")
            .HasConversion(q => JsonSerializer.Serialize(q, SnapshotJson), json => JsonSerializer.Deserialize<Quote>(json, SnapshotJson)!);
        change.Ignore(c => c.Difference);
        change.HasOne<Booking>().WithMany().HasForeignKey(c => c.BookingId).OnDelete(DeleteBehavior.Cascade);
        change.HasOne<User>().WithMany().HasForeignKey(c => c.ProposedBy).OnDelete(DeleteBehavior.Restrict);
        change.HasIndex(c => new { c.BookingId, c.CreatedAt });
        // One open question per stay: a second one while the first waits would leave the answerer guessing which holds.
        change.HasIndex(c => c.BookingId).IsUnique().HasFilter("status = 'Pending'").HasDatabaseName("ux_booking_changes_one_pending");
        change.HasIndex(c => c.ExpiresAt).HasFilter("status = 'Pending'");
    }
}
