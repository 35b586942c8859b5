using Roost.Platform.Data;
using Roost.Platform.Notifications;
using Roost.Platform.Observability;

namespace Roost.Features.Notifications;

/// <summary>E-mails not yet sent, waiting for the mailer or for their next try.</summary>
internal sealed class EmailBacklog(RoostDb db) : IBacklog
{
    public string Queue => "email";

    public Task<BacklogReading> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        BacklogReading.OfAsync(db.Set<Notification>().Where(n => n.EmailState == EmailState.Pending), n => n.CreatedAt, now, cancellationToken);
}
