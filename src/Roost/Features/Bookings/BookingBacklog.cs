using Roost.Platform.Data;
using Roost.Platform.Observability;

namespace Roost.Features.Bookings;

/// <summary>Requests past their answer deadline that the expiry job has not yet ended (their guests' money is still held).</summary>
internal sealed class RequestExpiryBacklog(RoostDb db) : IBacklog
{
    public string Queue => "request_expiries";

    public Task<BacklogReading> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        BacklogReading.OfAsync(db.Bookings.Where(b => b.Status == BookingStatus.Pending && b.ExpiresAt <= now), b => b.ExpiresAt!.Value, now, cancellationToken);
}

/// <summary>Rests of stays paid in two parts that are due and not yet charged (nor refused): the hourly job is behind or down.</summary>
internal sealed class BalanceChargeBacklog(RoostDb db) : IBacklog
{
    public string Queue => "balance_charges";

    public Task<BacklogReading> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        BacklogReading.OfAsync(db.Bookings.Where(b => b.Status == BookingStatus.Confirmed && b.BalanceAmount > 0 && b.BalanceDueAt <= now), b => b.BalanceDueAt!.Value, now, cancellationToken);
}
