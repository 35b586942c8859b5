using System.ComponentModel.DataAnnotations;
using Roost.Platform.Money;

namespace Roost.Features.Calendar;

/// <summary>
/// One night. <see cref="Reason"/> says why a night is unavailable (booked, blocked, imported, preparation, past,
/// notice, window) and is shown only to the listing's owner.
/// </summary>
/// <param name="CanCheckIn">A stay may start this day (the host's changeover days allow it), whether or not the night is free.</param>
/// <param name="CanCheckOut">A stay may end this day.</param>
public sealed record CalendarDay(DateOnly Date, bool Available, Money? Price, int MinNights, string? Reason, bool CanCheckIn = true, bool CanCheckOut = true);

public sealed record CalendarResponse(Guid ListingId, string Currency, IReadOnlyList<CalendarDay> Days);

/// <summary>A host's change over nights [From, To): any of block/unblock, a price, a minimum stay, or a reset.</summary>
public sealed record CalendarWrite(
    [Required] DateOnly? From,
    [Required] DateOnly? To,
    bool? Available = null,
    [Range(typeof(long), "1", "9223372036854775807")] long? Price = null,
    [Range(1, 365)] int? MinNights = null,
    bool ResetOverrides = false);

public sealed record CalendarImportRequest([Required, MaxLength(2000)] string Url, [MaxLength(100)] string? Name = null);

public sealed record CalendarImportResponse(
    Guid Id,
    string Url,
    string Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSyncedAt,
    DateTimeOffset? LastAttemptAt,
    string? LastError,
    int BlockedRanges)
{
    public static CalendarImportResponse From(CalendarImport i) =>
        new(i.Id, i.Url, i.Name, i.CreatedAt, i.LastSyncedAt, i.LastAttemptAt, i.LastError, i.BlockedRanges);
}

public sealed record CalendarExportResponse(string Url);
