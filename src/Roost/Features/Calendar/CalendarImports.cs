using System.Security.Claims;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Listings;
using Roost.Platform.Data;
using Roost.Platform.Errors;

namespace Roost.Features.Calendar;

/// <summary>The host's external calendars. Fetching happens in <see cref="CalendarSync"/>, never in the request.</summary>
public sealed class CalendarImports(RoostDb db, IBackgroundJobClient jobs, ListingChanges changes, TimeProvider time)
{
    public async Task<Outcome<CalendarImportResponse>> AddAsync(Guid listingId, CalendarImportRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var text = request.Url.Trim();
        // webcal:// is how many sites label their export links; it is plain HTTPS underneath.
        if (text.StartsWith("webcal://", StringComparison.OrdinalIgnoreCase))
        {
            text = "https://" + text["webcal://".Length..];
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || !CalendarFeedClient.IsHttp(url) || !string.IsNullOrEmpty(url.UserInfo))
        {
            return Failure.Validation("url", "Give an http(s) address of an .ics feed, without credentials in it.");
        }

        var access = await ListingAccess.ForEditAsync(db, listingId, user, cancellationToken, coHostsWith: CoHostAccess.Calendar);
        if (access.Failure is { } failure)
        {
            return failure;
        }

        if (await db.CalendarImports.CountAsync(i => i.ListingId == listingId, cancellationToken) >= CalendarImport.MaxPerListing)
        {
            return Failure.Conflict($"A listing can import at most {CalendarImport.MaxPerListing} calendars.");
        }

        var import = CalendarImport.Create(listingId, url.AbsoluteUri, request.Name?.Trim() is { Length: > 0 } name ? name : url.Host, time.GetUtcNow());
        db.CalendarImports.Add(import);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Failure.Conflict("This calendar is already imported into the listing.");
        }

        jobs.Enqueue<CalendarSync>(sync => sync.SyncAsync(import.Id, CancellationToken.None));
        return CalendarImportResponse.From(import);
    }

    public async Task<Outcome<IReadOnlyList<CalendarImportResponse>>> ListAsync(Guid listingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var access = await ListingAccess.ForEditAsync(db, listingId, user, cancellationToken, coHostsWith: CoHostAccess.Calendar);
        if (access.Failure is { } failure)
        {
            return failure;
        }

        var imports = await db.CalendarImports.AsNoTracking().Where(i => i.ListingId == listingId).OrderBy(i => i.CreatedAt).ToListAsync(cancellationToken);
        return imports.Select(CalendarImportResponse.From).ToList();
    }

    public async Task<Failure?> RequestSyncAsync(Guid listingId, Guid importId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var access = await ListingAccess.ForEditAsync(db, listingId, user, cancellationToken, coHostsWith: CoHostAccess.Calendar);
        if (access.Failure is { } failure)
        {
            return failure;
        }

        if (!await db.CalendarImports.AnyAsync(i => i.Id == importId && i.ListingId == listingId, cancellationToken))
        {
            return Failure.NotFound("The calendar import");
        }

        jobs.Enqueue<CalendarSync>(sync => sync.SyncAsync(importId, CancellationToken.None));
        return null;
    }

    /// <summary>Removing an import removes the nights it blocked (the foreign key cascades).</summary>
    public async Task<Failure?> RemoveAsync(Guid listingId, Guid importId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var access = await ListingAccess.ForEditAsync(db, listingId, user, cancellationToken, coHostsWith: CoHostAccess.Calendar);
        if (access.Failure is { } failure)
        {
            return failure;
        }

        var removed = await db.CalendarImports.Where(i => i.Id == importId && i.ListingId == listingId).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            return Failure.NotFound("The calendar import");
        }

        changes.AvailabilityChanged();
        return null;
    }
}
