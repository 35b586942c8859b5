using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Features.Listings;
using Roost.Platform.Data;

namespace Roost.Features.Bookings;

/// <summary>What keeps an account open: its stays, on either side, that have not ended, and its listings guests can still reach.</summary>
public sealed class AccountCommitments(RoostDb db, TimeProvider time) : IAccountCommitments
{
    public async Task<IReadOnlyList<string>> OpenAsync(Guid userId, CancellationToken cancellationToken)
    {
        // A day's margin covers every time zone: a stay whose check-out is today somewhere still counts.
        var yesterday = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1);
        var stays = await db.Bookings
            .Where(b => (b.GuestId == userId || b.HostId == userId) && (b.Status == BookingStatus.Pending || b.Status == BookingStatus.Confirmed) && b.CheckOut > yesterday)
            .GroupBy(b => b.GuestId == userId)
            .Select(g => new { AsGuest = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var listings = await db.Listings.CountAsync(l => l.HostId == userId && l.Status != ListingStatus.Archived, cancellationToken);

        var open = new List<string>();
        foreach (var side in stays)
        {
            open.Add(side.AsGuest
                ? $"You have {Stays(side.Count)} as a guest that {(side.Count == 1 ? "has" : "have")} not ended: cancel {(side.Count == 1 ? "it" : "them")} or wait until after check-out."
                : $"Guests have {Stays(side.Count)} with you that {(side.Count == 1 ? "has" : "have")} not ended: cancel or decline {(side.Count == 1 ? "it" : "them")}, or wait until after check-out.");
        }

        if (listings > 0)
        {
            open.Add($"You have {listings} listing{(listings == 1 ? "" : "s")} not archived: archive {(listings == 1 ? "it" : "them")} first.");
        }

        return open;
    }

    private static string Stays(int count) => count == 1 ? "1 stay booked or requested" : $"{count} stays booked or requested";
}
