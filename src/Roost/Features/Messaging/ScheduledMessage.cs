using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Bookings;
using Roost.Features.Listings;

namespace Roost.Features.Messaging;

/// <summary>When a host's scheduled message goes to each guest of the listing.</summary>
public enum MessageMoment
{
    /// <summary>As soon as the stay is confirmed (instant book, an accepted request, a booked offer).</summary>
    Confirmed,
    /// <summary>At 10:00 where the home is, the day before check-in: directions, the way in, parking.</summary>
    DayBeforeCheckIn,
    /// <summary>At 08:00 where the home is, on the day of check-out: keys, rubbish, a thank-you.</summary>
    CheckOutMorning,
}

/// <summary>
/// A message a host writes once and the system sends, in the host's name, into each guest's conversation about the
/// listing at its moment. Placeholders fill in the stay: {guest_first_name}, {listing_title}, {check_in},
/// {check_in_time}, {check_out}, {check_out_time}.
/// </summary>
public sealed class ScheduledMessage
{
    public const int MaxPerListing = 10;

    public static readonly string[] Placeholders = ["{guest_first_name}", "{listing_title}", "{check_in}", "{check_in_time}", "{check_out}", "{check_out_time}"];

    private ScheduledMessage()
    {
    }

    public Guid Id { get; private set; }

    public Guid ListingId { get; private set; }

    public MessageMoment Moment { get; private set; }

    public string Text { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public static ScheduledMessage Write(Guid listingId, MessageMoment moment, string text, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ListingId = listingId,
        Moment = moment,
        Text = text,
        CreatedAt = now,
    };

    /// <summary>The text for one stay, placeholders filled in.</summary>
    public string For(Booking booking, string guestFirstName, string listingTitle) => Text
        .Replace("{guest_first_name}", guestFirstName, StringComparison.Ordinal)
        .Replace("{listing_title}", listingTitle, StringComparison.Ordinal)
        .Replace("{check_in}", booking.CheckIn.ToString("yyyy-MM-dd"), StringComparison.Ordinal)
        .Replace("{check_in_time}", booking.CheckInTime.ToString("HH:mm"), StringComparison.Ordinal)
        .Replace("{check_out}", booking.CheckOut.ToString("yyyy-MM-dd"), StringComparison.Ordinal)
        .Replace("{check_out_time}", booking.CheckOutTime.ToString("HH:mm"), StringComparison.Ordinal);

    /// <summary>When it is due for a stay, where the home is; null for a moment that has no clock time.</summary>
    public DateTimeOffset? DueAt(Booking booking) => Moment switch
    {
        MessageMoment.DayBeforeCheckIn => CancellationRules.InstantAt(booking.CheckIn.AddDays(-1), new TimeOnly(10, 0), booking.TimeZone),
        MessageMoment.CheckOutMorning => CancellationRules.InstantAt(booking.CheckOut, new TimeOnly(8, 0), booking.TimeZone),
        _ => null,
    };
}

/// <summary>That a scheduled message went to a stay: the row is what makes "once" hold across workers and runs.</summary>
public sealed class ScheduledMessageSend
{
    public Guid ScheduledMessageId { get; init; }

    public Guid BookingId { get; init; }

    public DateTimeOffset SentAt { get; init; }
}

/// <param name="Moment">confirmed, day_before_check_in or check_out_morning.</param>
/// <param name="Text">Up to 2,000 characters; {guest_first_name}, {listing_title}, {check_in}, {check_in_time}, {check_out} and {check_out_time} are filled in.</param>
public sealed record ScheduledMessageRequest([Required] MessageMoment? Moment, [Required, MinLength(1), MaxLength(2000)] string Text);

public sealed record ScheduledMessageResponse(Guid Id, Guid ListingId, MessageMoment Moment, string Text, DateTimeOffset CreatedAt)
{
    public static ScheduledMessageResponse From(ScheduledMessage m) => new(m.Id, m.ListingId, m.Moment, m.Text, m.CreatedAt);
}

internal sealed class ScheduledMessageConfiguration : IEntityTypeConfiguration<ScheduledMessage>
{
    public void Configure(EntityTypeBuilder<ScheduledMessage> message)
    {
        message.ToTable("scheduled_messages");
        message.HasKey(m => m.Id);
        message.Property(m => m.Id).ValueGeneratedNever();
        message.Property(m => m.Moment).HasConversion<string>().HasMaxLength(30);
        message.Property(m => m.Text).HasMaxLength(2000);
        message.HasOne<Listing>().WithMany().HasForeignKey(m => m.ListingId).OnDelete(DeleteBehavior.Cascade);
        message.HasIndex(m => new { m.ListingId, m.Moment });
    }
}

internal sealed class ScheduledMessageSendConfiguration : IEntityTypeConfiguration<ScheduledMessageSend>
{
    public void Configure(EntityTypeBuilder<ScheduledMessageSend> send)
    {
        send.ToTable("scheduled_message_sends");
        send.HasKey(s => new { s.ScheduledMessageId, s.BookingId });
        send.HasOne<ScheduledMessage>().WithMany().HasForeignKey(s => s.ScheduledMessageId).OnDelete(DeleteBehavior.Cascade);
        send.HasOne<Booking>().WithMany().HasForeignKey(s => s.BookingId).OnDelete(DeleteBehavior.Cascade);
    }
}
