using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Accounts;
using Roost.Features.Listings;
using Roost.Platform.Errors;

namespace Roost.Features.Bookings;

public enum OfferStatus
{
    Open,
    Booked,
    Withdrawn,
    /// <summary>The guest said no, so the host knows rather than waits for it to lapse.</summary>
    Declined,
    /// <summary>Never stored: an open offer whose time ran out reads as expired.</summary>
    Expired,
}

/// <summary>
/// A host's answer to a guest who asked about their home: these dates, this party, at a price the host names for the
/// nights. The guest books it as it stands, at once (the host has said yes already), until it lapses.
/// </summary>
public sealed class SpecialOffer
{
    private SpecialOffer()
    {
    }

    public Guid Id { get; private set; }

    public Guid ListingId { get; private set; }

    public Guid HostId { get; private set; }

    public Guid GuestId { get; private set; }

    public DateOnly CheckIn { get; private set; }

    public DateOnly CheckOut { get; private set; }

    public int Guests { get; private set; }

    /// <summary>Priced when offered; the booking takes it as it is.</summary>
    public Quote Quote { get; private set; } = null!;

    public string? Message { get; private set; }

    public OfferStatus Status { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public Guid? BookingId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public OfferStatus StatusAt(DateTimeOffset now) => Status == OfferStatus.Open && ExpiresAt <= now ? OfferStatus.Expired : Status;

    public static SpecialOffer Make(Listing listing, Guid guestId, Quote quote, string? message, DateTimeOffset expiresAt, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ListingId = listing.Id,
        HostId = listing.HostId,
        GuestId = guestId,
        CheckIn = quote.CheckIn,
        CheckOut = quote.CheckOut,
        Guests = quote.Guests,
        Quote = quote,
        Message = message,
        Status = OfferStatus.Open,
        ExpiresAt = expiresAt,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>Why this guest may not book it on these terms now, or null.</summary>
    public Failure? BookingRefusal(Guid guestId, Guid listingId, DateOnly checkIn, DateOnly checkOut, Party party, DateTimeOffset now)
    {
        if (guestId != GuestId || listingId != ListingId)
        {
            return Failure.NotFound("The offer");
        }

        if (StatusAt(now) is not OfferStatus.Open and var status)
        {
            return Failure.Conflict($"This offer is {JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString())}.", "Ask the host for a new one.");
        }

        return checkIn != CheckIn || checkOut != CheckOut || party != Quote.Party
            ? Failure.Unprocessable("The offer is for other terms.", new Dictionary<string, string[]>
            {
                ["offerId"] = [$"It is for {CheckIn:yyyy-MM-dd} to {CheckOut:yyyy-MM-dd}, {Quote.Party.Describe()}."],
            })
            : null;
    }

    public void Booked(Guid bookingId, DateTimeOffset now)
    {
        BookingId = bookingId;
        Status = OfferStatus.Booked;
        UpdatedAt = now;
    }

    public Failure? Withdraw(DateTimeOffset now) => Close(OfferStatus.Withdrawn, now);

    public Failure? Decline(DateTimeOffset now) => Close(OfferStatus.Declined, now);

    private Failure? Close(OfferStatus to, DateTimeOffset now)
    {
        if (StatusAt(now) is not OfferStatus.Open and var status)
        {
            return Failure.Conflict($"This offer is {JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString())}.");
        }

        Status = to;
        UpdatedAt = now;
        return null;
    }
}

internal sealed class SpecialOfferConfiguration : IEntityTypeConfiguration<SpecialOffer>
{
    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<SpecialOffer> offer)
    {
        offer.ToTable("special_offers", t =>
        {
            t.HasCheckConstraint("ck_special_offers_stay", "check_out > check_in AND guests >= 1");
            t.HasCheckConstraint("ck_special_offers_booked", "(status = 'Booked') = (booking_id IS NOT NULL)");
        });
        offer.HasKey(o => o.Id);
        offer.Property(o => o.Id).ValueGeneratedNever();
        offer.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        offer.Property(o => o.Message).HasMaxLength(2000);
        offer.Property(o => o.Quote)
            .HasColumnType("jsonb")
            .HasConversion(q => JsonSerializer.Serialize(q, SnapshotJson), json => JsonSerializer.Deserialize<Quote>(json, SnapshotJson)!);
        offer.HasOne<Listing>().WithMany().HasForeignKey(o => o.ListingId).OnDelete(DeleteBehavior.Restrict);
        offer.HasOne<User>().WithMany().HasForeignKey(o => o.HostId).OnDelete(DeleteBehavior.Restrict);
        offer.HasOne<User>().WithMany().HasForeignKey(o => o.GuestId).OnDelete(DeleteBehavior.Restrict);
        // One booking an offer: a second attempt with it finds the first.
        offer.HasOne<Booking>().WithOne().HasForeignKey<SpecialOffer>(o => o.BookingId).OnDelete(DeleteBehavior.Restrict);
        offer.HasIndex(o => new { o.GuestId, o.CreatedAt });
        offer.HasIndex(o => new { o.HostId, o.CreatedAt });
    }
}
