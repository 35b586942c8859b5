using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Accounts;
using Roost.Platform.Errors;

namespace Roost.Features.Bookings;

/// <summary>
/// Someone the booking's guest travels with and shares the trip with: invited by e-mail address, accepted by the
/// confirmed holder of it. A travel companion reads the booking and, once it is confirmed, how to get in; paying,
/// changing and cancelling stay with the guest who booked.
/// </summary>
public sealed class TripGuest
{
    private TripGuest()
    {
    }

    public Guid Id { get; private set; }

    public Guid BookingId { get; private set; }

    /// <summary>The invited address, normalised as accounts store it.</summary>
    public string Email { get; private set; } = "";

    public Guid? UserId { get; private set; }

    public DateTimeOffset InvitedAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public static TripGuest Invite(Guid bookingId, string normalizedEmail, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        BookingId = bookingId,
        Email = normalizedEmail,
        InvitedAt = now,
    };

    public Failure? Accept(Guid userId, bool emailConfirmed, DateTimeOffset now)
    {
        if (AcceptedAt is not null)
        {
            return Failure.Conflict("This invitation was already accepted.");
        }

        if (!emailConfirmed)
        {
            return Failure.Forbidden("Confirm your e-mail address first: the invitation is for whoever holds it.");
        }

        UserId = userId;
        AcceptedAt = now;
        return null;
    }
}

internal sealed class TripGuestConfiguration : IEntityTypeConfiguration<TripGuest>
{
    public void Configure(EntityTypeBuilder<TripGuest> guest)
    {
        guest.ToTable("trip_guests", t => t.HasCheckConstraint("ck_trip_guests_accepted", "(accepted_at IS NULL) = (user_id IS NULL)"));
        guest.HasKey(g => g.Id);
        guest.Property(g => g.Id).ValueGeneratedNever();
        guest.Property(g => g.Email).HasMaxLength(254);
        guest.HasOne<Booking>().WithMany().HasForeignKey(g => g.BookingId).OnDelete(DeleteBehavior.Cascade);
        guest.HasOne<User>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
        guest.HasIndex(g => new { g.BookingId, g.Email }).IsUnique();
        guest.HasIndex(g => new { g.BookingId, g.UserId }).IsUnique();
        guest.HasIndex(g => g.UserId);
        guest.HasIndex(g => g.Email);
    }
}
