using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Listings;
using Roost.Platform.Auth;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Money;
using Roost.Platform.Time;
using Iso4217 = Roost.Platform.Money.Currency;

namespace Roost.Features.Calendar;

public sealed class ListingCalendar(RoostDb db, ListingChanges changes, TimeProvider time)
{
    public const int MaxNightsPerWrite = 366;

    public async Task<Outcome<CalendarResponse>> ReadAsync(Guid listingId, DateOnly? from, DateOnly? to, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var listing = await db.Listings.AsNoTracking().SingleOrDefaultAsync(l => l.Id == listingId, cancellationToken);
        var userId = user.Identity?.IsAuthenticated == true ? user.UserId() : (Guid?)null;
        if (listing is null || !listing.IsVisibleTo(userId, user.IsAdmin()) || (listing.Status == ListingStatus.Archived && !user.IsAdmin()))
        {
            return Failure.NotFound("The listing");
        }

        var today = TimeZones.Today(listing.TimeZone ?? "UTC", time.GetUtcNow());
        if (NightRange.BoundsProblem(from ?? today, "from", to ?? today, "to") is { } outOfBounds)
        {
            return outOfBounds;
        }

        var start = from ?? today;
        var end = to ?? start.AddMonths(3);
        if (end <= start)
        {
            return Failure.Validation("to", "'to' must be after 'from'.");
        }

        if (end > start.AddMonths(12))
        {
            return Failure.Validation("to", "At most 12 months per call.");
        }

        var owner = userId == listing.HostId || user.IsAdmin();
        return new CalendarResponse(listing.Id, listing.Currency, await DaysAsync(listing, new NightRange(start, end), owner, cancellationToken));
    }

    /// <summary>The nights in <paramref name="range"/> the host took off the market: their own blocks and imported calendars.</summary>
    public async Task<IReadOnlySet<DateOnly>> BlockedNightsAsync(Guid listingId, NightRange range, CancellationToken cancellationToken)
    {
        var blocks = await db.Occupancies.AsNoTracking()
            .Where(o => o.ListingId == listingId && o.Kind != OccupancyKind.Booking && o.StartsOn < range.End && o.EndsOn > range.Start)
            .Select(o => new NightRange(o.StartsOn, o.EndsOn))
            .ToListAsync(cancellationToken);
        return blocks.SelectMany(b => Nights(b.Start < range.Start ? range.Start : b.Start, b.End > range.End ? range.End : b.End)).ToHashSet();
    }

    private static IEnumerable<DateOnly> Nights(DateOnly from, DateOnly to)
    {
        for (var night = from; night < to; night = night.AddDays(1))
        {
            yield return night;
        }
    }

    public async Task<Outcome<CalendarResponse>> WriteAsync(Guid listingId, CalendarWrite write, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var range = new NightRange(write.From!.Value, write.To!.Value);
        if (NightRange.BoundsProblem(range.Start, "from", range.End, "to") is { } outOfBounds)
        {
            return outOfBounds;
        }

        if (range.IsEmpty)
        {
            return Failure.Validation("to", "'to' must be after 'from'.");
        }

        if (range.Nights > MaxNightsPerWrite)
        {
            return Failure.Validation("to", $"At most {MaxNightsPerWrite} nights per write.");
        }

        if (write.Available is null && write.Price is null && write.MinNights is null && !write.ResetOverrides)
        {
            return Failure.Validation("available", "Say what to change: available, price, minNights or resetOverrides.");
        }

        // The listing row lock serialises calendar writes (and imports) of one listing.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var access = await ListingAccess.ForEditAsync(db, listingId, user, cancellationToken, lockRow: true, coHostsWith: CoHostAccess.Calendar);
        if (access.Failure is { } failure)
        {
            return failure;
        }

        var listing = access.Value!;
        if (write.Price is { } price && Iso4217.IsKnown(listing.Currency) && price > Iso4217.MaxAmount(listing.Currency))
        {
            return Failure.Validation("price", $"At most {Iso4217.MaxAmount(listing.Currency)} minor units of {listing.Currency}.");
        }

        var now = time.GetUtcNow();
        if (write.Available == false)
        {
            await BlockAsync(listing.Id, range, now, cancellationToken);
        }
        else if (write.Available == true)
        {
            await UnblockAsync(listing.Id, range, now, cancellationToken);
        }

        if (write.ResetOverrides)
        {
            await db.NightOverrides.Where(n => n.ListingId == listing.Id && n.Night >= range.Start && n.Night < range.End).ExecuteDeleteAsync(cancellationToken);
        }

        if (write.Price is not null || write.MinNights is not null)
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO calendar_nights (listing_id, night, price, min_nights)
                SELECT {listing.Id}, night::date, {write.Price}::bigint, {write.MinNights}::integer
                FROM generate_series({range.Start}::date, {range.End}::date - 1, interval '1 day') AS night
                ON CONFLICT (listing_id, night) DO UPDATE
                SET price = COALESCE(EXCLUDED.price, calendar_nights.price),
                    min_nights = COALESCE(EXCLUDED.min_nights, calendar_nights.min_nights)
                """,
                cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        changes.AvailabilityChanged();
        return new CalendarResponse(listing.Id, listing.Currency, await DaysAsync(listing, range, forOwner: true, cancellationToken));
    }

    /// <summary>Night by night over <paramref name="range"/>: free or not, and at what price and minimum stay.</summary>
    /// <param name="besides">An occupancy to read as if it were not there: a booking asking to move its own nights.</param>
    public async Task<IReadOnlyList<CalendarDay>> DaysAsync(Listing listing, NightRange range, bool forOwner, CancellationToken cancellationToken, Guid? besides = null)
    {
        // The first bound lets the (listing, ends_on) index skip the listing's past: without it every read scanned all
        // the stays that started before the range, which grows with each booking the listing ever had.
        var lookBack = range.Start.AddDays(-Listing.MaxPreparationNights);
        // Taken ranges and per-night settings come back in one round trip: this read is behind every quote and booking.
        // EF translates the UNION ALL only when both sides set the same members, hence the explicit nulls and zero.
        var taken = db.Occupancies.AsNoTracking()
            .Where(o => o.ListingId == listing.Id && o.EndsOn > lookBack && o.StartsOn < range.End && o.EndsOn.AddDays(o.BufferNights) > range.Start);
        if (besides is { } ignored)
        {
            taken = taken.Where(o => o.Id != ignored);
        }

        var rows = await taken
            .Select(o => new CalendarRow { Kind = o.Kind, StartsOn = o.StartsOn, EndsOn = o.EndsOn, BufferNights = o.BufferNights, Price = null, MinNights = null })
            .Concat(db.NightOverrides.AsNoTracking()
                .Where(n => n.ListingId == listing.Id && n.Night >= range.Start && n.Night < range.End)
                .Select(n => new CalendarRow { Kind = null, StartsOn = n.Night, EndsOn = n.Night, BufferNights = 0, Price = n.Price, MinNights = n.MinNights }))
            .ToListAsync(cancellationToken);
        var occupancies = rows.Where(r => r.Kind is not null).ToList();
        var overrides = rows.Where(r => r.Kind is null).ToDictionary(r => r.StartsOn);
        var today = TimeZones.Today(listing.TimeZone ?? "UTC", time.GetUtcNow());
        var firstBookable = today.AddDays(listing.AdvanceNoticeDays);
        var windowEnd = today.AddMonths(listing.BookingWindowMonths);

        return range.EachNight().Select(night =>
        {
            overrides.TryGetValue(night, out var nightOverride);
            var price = NightPricing.PriceOf(night, listing.NightlyPrice, listing.WeekendPrice, nightOverride?.Price);
            var reason = UnavailableReason(night, occupancies, today, firstBookable, windowEnd);
            return new CalendarDay(
                night,
                reason is null,
                price is { } amount ? new Money(amount, listing.Currency) : null,
                nightOverride?.MinNights ?? listing.MinNights,
                forOwner ? reason : null,
                StayDays.Allows(listing.CheckInDays, night),
                StayDays.Allows(listing.CheckOutDays, night));
        }).ToList();
    }

    private static string? UnavailableReason(DateOnly night, List<CalendarRow> occupancies, DateOnly today, DateOnly firstBookable, DateOnly windowEnd)
    {
        if (occupancies.FirstOrDefault(o => new NightRange(o.StartsOn, o.EndsOn).Contains(night)) is { } taken)
        {
            return taken.Kind switch
            {
                OccupancyKind.Booking => "booked",
                OccupancyKind.ImportedBlock => "imported",
                _ => "blocked",
            };
        }

        if (occupancies.Any(o => o.Kind == OccupancyKind.Booking && new NightRange(o.EndsOn, o.EndsOn.AddDays(o.BufferNights)).Contains(night)))
        {
            return "preparation";
        }

        return night < today ? "past" : night < firstBookable ? "notice" : night >= windowEnd ? "window" : null;
    }

    /// <summary>A taken range (with its kind) or, without a kind, one night's price and minimum-stay override.</summary>
    private sealed class CalendarRow
    {
        public OccupancyKind? Kind { get; init; }

        public DateOnly StartsOn { get; init; }

        public DateOnly EndsOn { get; init; }

        public int BufferNights { get; init; }

        public long? Price { get; init; }

        public int? MinNights { get; init; }
    }

    /// <summary>Host blocks are kept merged; nights already booked or imported stay as they are (they are taken anyway).</summary>
    private async Task BlockAsync(Guid listingId, NightRange range, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nearby = await db.Occupancies
            .Where(o => o.ListingId == listingId && o.StartsOn <= range.End && o.EndsOn >= range.Start)
            .ToListAsync(cancellationToken);
        var hostBlocks = nearby.Where(o => o.Kind == OccupancyKind.HostBlock).ToList();
        var others = nearby.Where(o => o.Kind != OccupancyKind.HostBlock).Select(o => o.Nights);
        var wanted = NightRange.Merge(hostBlocks.Select(b => b.Nights).Append(range));
        db.Occupancies.RemoveRange(hostBlocks);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var piece in wanted.SelectMany(w => w.Minus(others)))
        {
            db.Occupancies.Add(Occupancy.HostBlock(listingId, piece, now));
        }
    }

    private async Task UnblockAsync(Guid listingId, NightRange range, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var blocks = await db.Occupancies
            .Where(o => o.ListingId == listingId && o.Kind == OccupancyKind.HostBlock && o.StartsOn < range.End && o.EndsOn > range.Start)
            .ToListAsync(cancellationToken);
        db.Occupancies.RemoveRange(blocks);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var piece in blocks.SelectMany(b => b.Nights.Minus([range])))
        {
            db.Occupancies.Add(Occupancy.HostBlock(listingId, piece, now));
        }
    }
}
