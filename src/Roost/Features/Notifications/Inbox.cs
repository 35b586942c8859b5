using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Http;
using Roost.Platform.Notifications;

namespace Roost.Features.Notifications;

public sealed record NotificationResponse(Guid Id, string Type, string Title, string Body, System.Text.Json.JsonElement Data, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record NotificationPage(IReadOnlyList<NotificationResponse> Items, string? NextCursor, int UnreadCount);

public sealed record MarkedRead(int Marked);

public sealed record NotificationsCursor(DateTimeOffset CreatedAt, Guid Id);

/// <summary>A user's own notifications; someone else's answers as if it did not exist.</summary>
public sealed class Inbox(RoostDb db, TimeProvider time)
{
    public async Task<NotificationPage> ListAsync(Guid userId, int limit, NotificationsCursor? after, CancellationToken cancellationToken)
    {
        var query = db.Set<Notification>().AsNoTracking().Where(n => n.UserId == userId && !n.EmailOnly);
        if (after is { } cursor)
        {
            query = query.Where(n => EF.Functions.LessThan(ValueTuple.Create(n.CreatedAt, n.Id), ValueTuple.Create(cursor.CreatedAt, cursor.Id)));
        }

        var rows = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var unread = await db.Set<Notification>().CountAsync(n => n.UserId == userId && !n.EmailOnly && n.ReadAt == null, cancellationToken);
        var items = rows.Take(limit).Select(n => new NotificationResponse(
            n.Id, n.Type, n.Title, n.Body, System.Text.Json.JsonDocument.Parse(n.Data).RootElement, n.CreatedAt, n.ReadAt)).ToList();
        return new NotificationPage(items, rows.Count > limit ? Cursor.Encode(new NotificationsCursor(items[^1].CreatedAt, items[^1].Id)) : null, unread);
    }

    public async Task<Failure?> MarkReadAsync(Guid userId, Guid notificationId, CancellationToken cancellationToken)
    {
        var notification = await db.Set<Notification>().SingleOrDefaultAsync(n => n.Id == notificationId && n.UserId == userId, cancellationToken);
        if (notification is null)
        {
            return Failure.NotFound("The notification");
        }

        notification.MarkRead(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Everything unread so far becomes read, in one statement; notices that arrive meanwhile stay unread.</summary>
    public async Task<MarkedRead> MarkAllReadAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var marked = await db.Set<Notification>()
            .Where(n => n.UserId == userId && !n.EmailOnly && n.ReadAt == null && n.CreatedAt <= now)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);
        return new MarkedRead(marked);
    }
}
