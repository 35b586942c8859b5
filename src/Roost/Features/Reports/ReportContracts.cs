using System.ComponentModel.DataAnnotations;

namespace Roost.Features.Reports;

public sealed record FileReportRequest(
    [Required] ReportTarget? TargetType,
    [Required] Guid? TargetId,
    [Required] ReportReason? Reason,
    [MaxLength(2000)] string? Details = null);

/// <summary>An admin closes a report: action taken or dismissed, with what the reporter is told.</summary>
public sealed record CloseReportRequest([Required] ReportStatus? Status, [Required, MaxLength(500)] string Outcome);

public sealed record ReportResponse(
    Guid Id,
    Guid ReporterId,
    ReportTarget TargetType,
    Guid TargetId,
    ReportReason Reason,
    string Details,
    ReportStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt,
    string? Outcome)
{
    public static ReportResponse From(Report r) =>
        new(r.Id, r.ReporterId, r.TargetType, r.TargetId, r.Reason, r.Details, r.Status, r.CreatedAt, r.ClosedAt, r.Outcome);
}

public sealed record ReportsCursor(DateTimeOffset CreatedAt, Guid Id);
