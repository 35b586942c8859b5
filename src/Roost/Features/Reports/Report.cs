using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Roost.Features.Reports;

public enum ReportTarget
{
    Listing,
    User,
    Review,
}

public enum ReportReason
{
    Spam,
    Scam,
    Inaccurate,
    Offensive,
    Safety,
    Other,
}

public enum ReportStatus
{
    Open,
    ActionTaken,
    Dismissed,
}

/// <summary>A user telling the admins that a listing, a user or a review breaks the rules; an admin closes it.</summary>
public sealed class Report
{
    private Report()
    {
    }

    public Guid Id { get; private set; }

    public Guid ReporterId { get; private set; }

    public ReportTarget TargetType { get; private set; }

    public Guid TargetId { get; private set; }

    public ReportReason Reason { get; private set; }

    public string Details { get; private set; } = "";

    public ReportStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Guid? ClosedBy { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>What the admin found or did, told to the reporter.</summary>
    public string? Outcome { get; private set; }

    public static Report File(Guid reporterId, ReportTarget target, Guid targetId, ReportReason reason, string details, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ReporterId = reporterId,
        TargetType = target,
        TargetId = targetId,
        Reason = reason,
        Details = details.Trim(),
        Status = ReportStatus.Open,
        CreatedAt = now,
    };

    public bool Close(ReportStatus status, Guid adminId, string outcome, DateTimeOffset now)
    {
        if (Status != ReportStatus.Open || status == ReportStatus.Open)
        {
            return false;
        }

        Status = status;
        ClosedBy = adminId;
        ClosedAt = now;
        Outcome = outcome.Trim();
        return true;
    }
}

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public const string OneOpenPerTarget = "ux_reports_open_per_reporter_target";

    public void Configure(EntityTypeBuilder<Report> report)
    {
        report.ToTable("reports");
        report.HasKey(r => r.Id);
        report.Property(r => r.Id).ValueGeneratedNever();
        report.Property(r => r.TargetType).HasConversion<string>().HasMaxLength(10);
        report.Property(r => r.Reason).HasConversion<string>().HasMaxLength(20);
        report.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        report.Property(r => r.Details).HasMaxLength(2000);
        report.Property(r => r.Outcome).HasMaxLength(500);
        // Reporting the same thing twice while the first is still open adds nothing to the admins' queue.
        report.HasIndex(r => new { r.ReporterId, r.TargetType, r.TargetId }).IsUnique().HasFilter("status = 'Open'").HasDatabaseName(OneOpenPerTarget);
        report.HasIndex(r => new { r.Status, r.CreatedAt });
        report.HasIndex(r => new { r.ReporterId, r.CreatedAt });
    }
}
