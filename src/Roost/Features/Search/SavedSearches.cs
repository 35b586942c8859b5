using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Notifications;

namespace Roost.Features.Search;

/// <param name="Query">The query string of <c>GET /api/v1/listings</c>, such as <c>location=lisbon&amp;guests=2&amp;pets=1</c>.</param>
public sealed record SaveSearchRequest(
    [Required, MinLength(1), MaxLength(100)] string Name,
    [Required, MaxLength(SavedSearch.MaxQueryLength)] string Query,
    bool Alerts = true);

public sealed record ChangeSavedSearchRequest([MinLength(1), MaxLength(100)] string? Name = null, bool? Alerts = null);

/// <param name="Url">Runs the search now.</param>
public sealed record SavedSearchResponse(Guid Id, string Name, string Query, string Url, bool Alerts, DateTimeOffset CreatedAt, DateTimeOffset CheckedAt)
{
    public static SavedSearchResponse From(SavedSearch s) => new(s.Id, s.Name, s.Query, $"/api/v1/listings?{s.Query}", s.Alerts, s.CreatedAt, s.CheckedAt);
}

/// <summary>
/// Searches a guest keeps, checked by the same parser as a live search (and refused with its messages), and the
/// hourly sweep that tells them of homes published since the last one.
/// </summary>
public sealed class SavedSearches(RoostDb db, ListingSearch search, TimeProvider time, ILogger<SavedSearches> logger)
{
    public const int AlertListings = 5;
    private const int SweepBatch = 500;

    public async Task<Outcome<SavedSearchResponse>> SaveAsync(Guid userId, SaveSearchRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var kept = Canonical(request.Query);
        if (Parse(kept, now).Failure is { } invalid)
        {
            return invalid;
        }

        var name = request.Name.Trim();
        var mine = db.Set<SavedSearch>().Where(s => s.UserId == userId);
        if (await mine.AnyAsync(s => s.Name == name, cancellationToken))
        {
            return Failure.Conflict($"You already keep a search named \"{name}\".");
        }

        if (await mine.CountAsync(cancellationToken) >= SavedSearch.MaxPerUser)
        {
            return Failure.Unprocessable($"You keep at most {SavedSearch.MaxPerUser} searches; delete one first.");
        }

        var saved = SavedSearch.Keep(userId, name, kept, request.Alerts, now);
        db.Add(saved);
        await db.SaveChangesAsync(cancellationToken);
        return SavedSearchResponse.From(saved);
    }

    public async Task<IReadOnlyList<SavedSearchResponse>> ListAsync(Guid userId, CancellationToken cancellationToken) =>
        [.. (await db.Set<SavedSearch>().AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken)).Select(SavedSearchResponse.From)];

    public async Task<Outcome<SavedSearchResponse>> ChangeAsync(Guid userId, Guid id, ChangeSavedSearchRequest request, CancellationToken cancellationToken)
    {
        var saved = await db.Set<SavedSearch>().SingleOrDefaultAsync(s => s.Id == id && s.UserId == userId, cancellationToken);
        if (saved is null)
        {
            return Failure.NotFound("The saved search");
        }

        var name = request.Name?.Trim();
        if (name is not null && name != saved.Name && await db.Set<SavedSearch>().AnyAsync(s => s.UserId == userId && s.Name == name, cancellationToken))
        {
            return Failure.Conflict($"You already keep a search named \"{name}\".");
        }

        saved.Change(name, request.Alerts, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return SavedSearchResponse.From(saved);
    }

    public async Task<Failure?> DeleteAsync(Guid userId, Guid id, CancellationToken cancellationToken) =>
        await db.Set<SavedSearch>().Where(s => s.Id == id && s.UserId == userId).ExecuteDeleteAsync(cancellationToken) == 0
            ? Failure.NotFound("The saved search")
            : null;

    /// <summary>
    /// Tells each guest who asked for alerts of the homes published since their search was last checked, newest
    /// first. A search whose dates have passed finds nothing any more and is only marked checked.
    /// </summary>
    public async Task AlertAsync()
    {
        var now = time.GetUtcNow();
        var due = await db.Set<SavedSearch>().Where(s => s.Alerts && s.CheckedAt < now).OrderBy(s => s.CheckedAt).Take(SweepBatch).ToListAsync();
        foreach (var saved in due)
        {
            if (Parse(saved.Query, now).Value is { } parameters)
            {
                var found = await search.SearchAsync(
                    parameters with { PublishedAfter = saved.CheckedAt, Sort = SearchSort.Newest, Limit = AlertListings, After = null }, saved.UserId, CancellationToken.None);
                if (found.Items.Count > 0)
                {
                    var more = found.NextCursor is null ? "" : " and more";
                    Notify.Add(db, saved.UserId, "saved_search_alert", $"New homes for \"{saved.Name}\"",
                        $"{string.Join(", ", found.Items.Select(i => i.Title))}{more}.", new { savedSearchId = saved.Id, listingIds = found.Items.Select(i => i.Id) }, now);
                }
            }

            saved.Checked(now);
        }

        await db.SaveChangesAsync();
        if (due.Count == SweepBatch)
        {
            logger.LogWarning("Saved-search alerts: {Count} searches checked this run; the rest wait for the next one", due.Count);
        }
    }

    /// <summary>What a closed account searched for goes with it.</summary>
    public sealed class Erasure(RoostDb db) : IAccountErasure
    {
        public Task EraseAsync(Guid userId, string formerNormalizedEmail, CancellationToken cancellationToken) =>
            db.Set<SavedSearch>().Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The filters of a query string, in a stable order, without paging or sorting.</summary>
    private static string Canonical(string query)
    {
        var fields = QueryHelpers.ParseQuery(query.Trim().TrimStart('?'));
        return QueryString.Create(fields
            .Where(f => !SavedSearch.NotKept.Contains(f.Key, StringComparer.OrdinalIgnoreCase))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v)))).ToUriComponent().TrimStart('?');
    }

    private static Outcome<SearchParameters> Parse(string query, DateTimeOffset now) =>
        SearchParameters.Parse(new QueryCollection(QueryHelpers.ParseQuery(query)), DateOnly.FromDateTime(now.UtcDateTime));
}
