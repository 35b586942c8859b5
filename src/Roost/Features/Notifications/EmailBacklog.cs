using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;
using Roost.Platform.Notifications;
using Roost.Platform.Observability;

namespace Roost.Features.Notifications;

/// <summary>E-mails not yet sent, waiting for the mailer or for their next try.</summary>
internal sealed class EmailBacklog(RoostDb db) : IBacklog
{
    public string Queue => "email";

    public async Task<BacklogReading> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var waiting = await db.Set<Notification>().Where(n => n.EmailState == EmailState.Pending)
            .GroupBy(_ => 1).Select(g => new { Items = g.LongCount(), Oldest = g.Min(n => n.CreatedAt) })
            .SingleOrDefaultAsync(cancellationToken);
        return waiting is null ? new BacklogReading(0, TimeSpan.Zero) : new BacklogReading(waiting.Items, now - waiting.Oldest);
    }
}
