using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Platform.Data;

namespace Roost.Platform.Audit;

/// <summary>
/// What an admin did to whom and why. Features add one in the same unit of work as the action itself, as they do
/// notifications, so the log holds an entry exactly when the action committed.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    public Guid Id { get; private set; }

    public Guid ActorId { get; private set; }

    /// <summary>suspend_user, reinstate_user, suspend_listing, reinstate_listing, remove_review, refund_booking.</summary>
    public string Action { get; private set; } = "";

    public Guid TargetId { get; private set; }

    public string? Reason { get; private set; }

    public DateTimeOffset At { get; private set; }

    internal static AuditEntry Create(Guid actorId, string action, Guid targetId, string? reason, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ActorId = actorId,
        Action = action,
        TargetId = targetId,
        Reason = reason,
        At = now,
    };
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("audit_entries");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).ValueGeneratedNever();
        entry.Property(e => e.Action).HasMaxLength(40);
        entry.Property(e => e.Reason).HasMaxLength(500);
        entry.HasIndex(e => new { e.TargetId, e.At });
        entry.HasIndex(e => e.At);
    }
}

public static class Audit
{
    /// <summary>Adds the entry to the caller's unit of work; it is saved (or rolled back) with the action it records.</summary>
    public static void Add(RoostDb db, Guid actorId, string action, Guid targetId, string? reason, DateTimeOffset now) =>
        db.Set<AuditEntry>().Add(AuditEntry.Create(actorId, action, targetId, reason, now));
}
