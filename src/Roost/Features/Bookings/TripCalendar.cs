using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Accounts;

namespace Roost.Features.Bookings;

/// <summary>A traveller's secret calendar address: whoever holds it reads their trips, so it can be replaced.</summary>
public sealed class TripCalendar
{
    private TripCalendar()
    {
    }

    public Guid UserId { get; private set; }

    public string Token { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public static TripCalendar For(Guid userId, DateTimeOffset now) => new() { UserId = userId, Token = NewToken(), CreatedAt = now };

    public void Rotate(DateTimeOffset now)
    {
        Token = NewToken();
        CreatedAt = now;
    }

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}

internal sealed class TripCalendarConfiguration : IEntityTypeConfiguration<TripCalendar>
{
    public void Configure(EntityTypeBuilder<TripCalendar> calendar)
    {
        calendar.ToTable("trip_calendars");
        calendar.HasKey(c => c.UserId);
        calendar.Property(c => c.Token).HasMaxLength(64);
        calendar.HasIndex(c => c.Token).IsUnique();
        calendar.HasOne<User>().WithOne().HasForeignKey<TripCalendar>(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
