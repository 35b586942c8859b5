using Roost.Platform.Data;
using Roost.Platform.Observability;

namespace Roost.Features.Claims;

/// <summary>Claims sent to Roost and not yet decided: money one side is waiting for, with a person to act.</summary>
internal sealed class ClaimBacklog(RoostDb db) : IBacklog
{
    public string Queue => "claims_escalated";

    public Task<BacklogReading> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        BacklogReading.OfAsync(db.Set<StayClaim>().Where(c => c.Status == ClaimStatus.Escalated), c => c.UpdatedAt, now, cancellationToken);
}
