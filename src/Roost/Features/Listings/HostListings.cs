using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Http;
using Roost.Platform.Time;

namespace Roost.Features.Listings;

/// <summary>A host's changes to their listings. Bookings keep their own snapshot, so nothing here rewrites them.</summary>
public sealed class HostListings(RoostDb db, ListingReader reader, ListingChanges changes, IListingCommitments commitments, TimeProvider time)
{
    public async Task<Outcome<ListingResponse>> CreateAsync(Guid hostId, ListingInput input, CancellationToken cancellationToken)
    {
        var missing = new Dictionary<string, string[]>();
        if (input.Title is null)
        {
            missing["title"] = ["A new listing needs a title."];
        }

        if (input.Currency is null)
        {
            missing["currency"] = ["A new listing needs its currency: every price is in it."];
        }

        if (missing.Count > 0)
        {
            return Failure.Validation(missing);
        }

        var listing = Listing.CreateDraft(hostId, time.GetUtcNow());
        var errors = listing.Apply(input, time.GetUtcNow());
        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }

        db.Listings.Add(listing);
        await db.SaveChangesAsync(cancellationToken);
        return await reader.ResponseAsync(listing, forOwner: true, cancellationToken);
    }

    public Task<Outcome<ListingResponse>> UpdateAsync(Guid listingId, ListingInput input, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        EditAsync(listingId, user, cancellationToken, listing =>
            listing.Apply(input, time.GetUtcNow()) is { Count: > 0 } errors ? Failure.Validation(errors) : null);

    public Task<Outcome<ListingResponse>> PublishAsync(Guid listingId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        EditAsync(listingId, user, cancellationToken, listing =>
        {
            var missing = listing.MissingForPublication();
            if (missing.Count > 0)
            {
                return Failure.Unprocessable(
                    "The listing lacks what guests need to book it.",
                    missing.ToDictionary(field => field, field => new[] { $"Set {field} before publishing." }));
            }

            return listing.Publish(time.GetUtcNow())
                ? null
                : Failure.Conflict($"A listing that is {listing.Status.ToString().ToLowerInvariant()} cannot be published.");
        });

    public Task<Outcome<ListingResponse>> UnpublishAsync(Guid listingId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        EditAsync(listingId, user, cancellationToken, listing =>
            listing.Unpublish(time.GetUtcNow()) ? null : Failure.Conflict("Only a published listing can be unpublished."));

    /// <summary>Load for the owner, apply one change (which may refuse), save, and tell the caches.</summary>
    private async Task<Outcome<ListingResponse>> EditAsync(Guid listingId, ClaimsPrincipal user, CancellationToken cancellationToken, Func<Listing, Failure?> change)
    {
        var access = await ListingAccess.ForEditAsync(db, listingId, user, cancellationToken, withPhotos: true);
        if (access.Failure is { } failure)
        {
            return failure;
        }

        var listing = access.Value!;
        if (change(listing) is { } refused)
        {
            return refused;
        }

        await db.SaveChangesAsync(cancellationToken);
        await changes.ChangedAsync(listing.Id, cancellationToken);
        return await reader.ResponseAsync(listing, forOwner: true, cancellationToken);
    }

    /// <summary>
    /// Archiving is final, so the host first settles every stay still to come (cancel or decline it); unpublishing is
    /// the way to stop new bookings while honouring those made. The row lock orders this against a booking being made
    /// now: its claim on the nights takes a share lock on the listing, so it either counts here or finds it archived.
    /// </summary>
    public async Task<Failure?> ArchiveAsync(Guid listingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var access = await ListingAccess.ForEditAsync(db, listingId, user, cancellationToken, lockRow: true);
        if (access.Failure is { } failure)
        {
            return failure;
        }

        var listing = access.Value!;
        var now = time.GetUtcNow();
        var today = listing.TimeZone is { } zone ? TimeZones.Today(zone, now) : DateOnly.FromDateTime(now.UtcDateTime);
        if (await commitments.OpenStaysAsync(listingId, today, cancellationToken) is > 0 and var open)
        {
            return Failure.Conflict(
                $"This listing has {open} stay{(open == 1 ? "" : "s")} booked or requested that {(open == 1 ? "has" : "have")} not ended.",
                "Cancel or decline them first, or unpublish the listing to stop new bookings.");
        }

        listing.Archive(now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.ChangedAsync(listingId, cancellationToken);
        return null;
    }

    public async Task<Outcome<Listing>> RotateCalendarTokenAsync(Guid listingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var access = await ListingAccess.ForEditAsync(db, listingId, user, cancellationToken);
        if (access.Failure is { } failure)
        {
            return failure;
        }

        access.Value!.RotateCalendarToken(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return access.Value;
    }

    public async Task<Page<ListingSummary>> ListMineAsync(Guid hostId, int limit, DateTimeOffset? before, Guid? beforeId, CancellationToken cancellationToken)
    {
        var query = db.Listings.AsNoTracking().Where(l => l.HostId == hostId);
        if (before is { } at && beforeId is { } id)
        {
            query = query.Where(l => EF.Functions.LessThan(ValueTuple.Create(l.CreatedAt, l.Id), ValueTuple.Create(at, id)));
        }

        var rows = await query
            .OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id)
            .Take(limit + 1)
            .Select(l => new ListingSummary(
                l.Id, l.Title, l.Status, l.Address.City, l.Address.CountryCode, l.Currency, l.NightlyPrice,
                l.Photos.OrderBy(p => p.Position).Select(p => "/media/" + p.StorageKey).FirstOrDefault(),
                l.CreatedAt, l.UpdatedAt))
            .ToListAsync(cancellationToken);
        var next = rows.Count > limit ? Cursor.Encode(new HostListingsCursor(rows[limit - 1].CreatedAt, rows[limit - 1].Id)) : null;
        return new Page<ListingSummary>(rows.Take(limit).ToList(), next);
    }
}

public sealed record HostListingsCursor(DateTimeOffset CreatedAt, Guid Id);
