using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;
using Roost.Platform.Observability;

namespace Roost.Features.Bookings;

/// <summary>Requests past their answer deadline that the expiry job has not yet ended (their guests' money is still held).</summary>
internal sealed class RequestExpiryBacklog(RoostDb db) : IBacklog
{
    public string Queue => "request_expiries";

    public async Task<BacklogReading> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lapsed = await db.Bookings.Where(b => b.Status == BookingStatus.Pending && b.ExpiresAt <= now)
            .GroupBy(_ => 1).Select(g => new { Items = g.LongCount(), Oldest = g.Min(b => b.ExpiresAt) })
            .SingleOrDefaultAsync(cancellationToken);
        return lapsed?.Oldest is { } oldest ? new BacklogReading(lapsed.Items, now - oldest) : new BacklogReading(0, TimeSpan.Zero);
    }
}
