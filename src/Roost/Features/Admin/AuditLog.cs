using Microsoft.EntityFrameworkCore;
using Roost.Platform.Audit;
using Roost.Platform.Data;
using Roost.Platform.Http;

namespace Roost.Features.Admin;

public sealed record AuditEntryResponse(Guid Id, Guid ActorId, string Action, Guid TargetId, string? Reason, DateTimeOffset At);

public sealed record AuditCursor(DateTimeOffset At, Guid Id);

/// <summary>Admins read who did what to whom and why, newest first, for one target or all.</summary>
public sealed class AuditLog(RoostDb db)
{
    public async Task<Page<AuditEntryResponse>> ListAsync(Guid? targetId, int limit, AuditCursor? after, CancellationToken cancellationToken)
    {
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (targetId is { } target)
        {
            query = query.Where(e => e.TargetId == target);
        }

        if (after is { } cursor)
        {
            query = query.Where(e => EF.Functions.LessThan(ValueTuple.Create(e.At, e.Id), ValueTuple.Create(cursor.At, cursor.Id)));
        }

        var rows = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(limit + 1)
            .Select(e => new AuditEntryResponse(e.Id, e.ActorId, e.Action, e.TargetId, e.Reason, e.At))
            .ToListAsync(cancellationToken);
        var items = rows.Take(limit).ToList();
        return new Page<AuditEntryResponse>(items, rows.Count > limit ? Cursor.Encode(new AuditCursor(items[^1].At, items[^1].Id)) : null);
    }
}
