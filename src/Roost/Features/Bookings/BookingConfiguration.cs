using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Accounts;
using Roost.Features.Calendar;
using Roost.Features.Listings;

namespace Roost.Features.Bookings;

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<Booking> booking)
    {
        booking.ToTable("bookings", t =>
        {
            t.HasCheckConstraint("ck_bookings_stay", "check_out > check_in AND guests >= 1");
            t.HasCheckConstraint("ck_bookings_money", "total >= 0 AND amount_refunded >= 0 AND amount_refunded <= amount_captured");
            // A live booking always holds its nights; an ended one never does.
            // What is left to pay has a moment it is charged, and nothing else does.
            t.HasCheckConstraint("ck_bookings_balance", "balance_amount >= 0 AND (balance_amount > 0) = (balance_due_at IS NOT NULL)");
            t.HasCheckConstraint("ck_bookings_live_holds_nights", "(status IN ('Pending', 'Confirmed')) = (occupancy_id IS NOT NULL) OR status = 'Completed'");
        });
        booking.HasKey(b => b.Id);
        booking.Property(b => b.Status).HasConversion<string>().HasMaxLength(20);
        booking.Property(b => b.CancellationPolicy).HasConversion<string>().HasMaxLength(20);
        booking.Property(b => b.Currency).HasMaxLength(3);
        booking.Property(b => b.TimeZone).HasMaxLength(64);
        booking.Property(b => b.Message).HasMaxLength(2000);
        booking.Property(b => b.PaymentMethod).HasMaxLength(100);
        booking.Property(b => b.PaymentIntentId).HasMaxLength(64);
        booking.Property(b => b.Quote)
            .HasColumnType("jsonb")
            .HasConversion(q => JsonSerializer.Serialize(q, SnapshotJson), json => JsonSerializer.Deserialize<Quote>(json, SnapshotJson)!);
        booking.Property(b => b.CoHostPayouts).HasColumnType("jsonb").HasConversion(CoHostPayoutsJson.Converter, CoHostPayoutsJson.Comparer);
        booking.Ignore(b => b.IsLive);
        booking.Ignore(b => b.FirstPayment);
        booking.Ignore(b => b.OwesBalance);
        booking.HasOne<Listing>().WithMany().HasForeignKey(b => b.ListingId).OnDelete(DeleteBehavior.Restrict);
        booking.HasOne<User>().WithMany().HasForeignKey(b => b.GuestId).OnDelete(DeleteBehavior.Restrict);
        booking.HasOne<User>().WithMany().HasForeignKey(b => b.HostId).OnDelete(DeleteBehavior.Restrict);
        booking.HasOne<Occupancy>().WithOne().HasForeignKey<Booking>(b => b.OccupancyId).OnDelete(DeleteBehavior.Restrict);
        booking.HasIndex(b => b.OccupancyId).IsUnique();
        booking.HasIndex(b => new { b.GuestId, b.CheckIn });
        booking.HasIndex(b => new { b.GuestId, b.CreatedAt });
        booking.HasIndex(b => b.GuestId).HasFilter("status = 'Pending'").HasDatabaseName("ix_bookings_guest_id_pending");
        booking.HasIndex(b => new { b.HostId, b.CheckIn });
        booking.HasIndex(b => b.ExpiresAt).HasFilter("status = 'Pending'");
        // The hourly and quarter-hourly sweeps (completing stays, arrival and review reminders) read a few days of
        // stays out of years of them: without these they read the whole table (bench/results/2026-11-27-sweeps.md).
        // Each index holds only the stays in that state, so the live ones stay small.
        booking.HasIndex(b => new { b.CheckOutAt, b.Id }).HasFilter("status = 'Confirmed'").HasDatabaseName("ix_bookings_check_out_at_id_confirmed");
        booking.HasIndex(b => b.CheckIn).HasFilter("status = 'Confirmed'").HasDatabaseName("ix_bookings_check_in_confirmed");
        booking.HasIndex(b => b.CheckOut).HasFilter("status = 'Completed'").HasDatabaseName("ix_bookings_check_out_completed");
        // The hourly job's rests to charge: only stays still owing are in it.
        booking.HasIndex(b => b.BalanceDueAt).HasFilter("balance_amount > 0").HasDatabaseName("ix_bookings_balance_due_at_owing");
        booking.HasMany(b => b.Transitions).WithOne().HasForeignKey(t => t.BookingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BookingTransitionConfiguration : IEntityTypeConfiguration<BookingTransition>
{
    public void Configure(EntityTypeBuilder<BookingTransition> transition)
    {
        transition.ToTable("booking_transitions");
        transition.HasKey(t => t.Id);
        // Ids are made in code; this tells EF that a transition added to a loaded booking is new (an INSERT).
        transition.Property(t => t.Id).ValueGeneratedNever();
        transition.Property(t => t.From).HasConversion<string>().HasMaxLength(20);
        transition.Property(t => t.To).HasConversion<string>().HasMaxLength(20);
        transition.Property(t => t.ActorRole).HasMaxLength(20);
        transition.Property(t => t.Reason).HasMaxLength(200);
        transition.HasIndex(t => t.BookingId);
    }
}
