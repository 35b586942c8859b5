using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;
using Npgsql;
using Roost.Features.Accounts;
using Roost.Features.Bookings;
using Roost.Features.Listings;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Http;
using Roost.Platform.Money;

namespace Roost.Features.Search;

public sealed record SearchResult(
    Guid Id,
    string Title,
    string? City,
    double? Latitude,
    double? Longitude,
    string? PhotoUrl,
    double? Rating,
    int ReviewCount,
    Money? NightlyPrice,
    Money? Total,
    bool HostIsSuperhost,
    Money? DisplayNightlyPrice = null,
    Money? DisplayTotal = null,
    DateOnly? DisplayRatesAsOf = null)
{
    /// <summary>The prices also in the guest's currency, for reading: the stay is still paid in the listing's.</summary>
    public SearchResult ShownIn(CurrencyConverter converter) =>
        this with { DisplayNightlyPrice = converter.Convert(NightlyPrice), DisplayTotal = converter.Convert(Total), DisplayRatesAsOf = converter.AsOf };
}

/// <summary>
/// Runs a search. Results of a search asked for again are cached in Redis for a short while under a key that includes
/// the listings' change generation: any listing, calendar or booking change moves the generation on, so a cached page never
/// offers a night that has since been taken.
/// </summary>
public sealed class ListingSearch(RoostDb db, IDistributedCache cache, PopularSearches popular, ListingChanges changes, IOptions<BookingOptions> pricing, ExchangeRates rates, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions CacheJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The search as guests see it: with <see cref="SearchParameters.DisplayCurrency"/>, each price also in that currency
    /// (422 without a rate for it). The conversion comes after the cache, so every currency shares one cached page.
    /// </summary>
    public async Task<Outcome<Page<SearchResult>>> SearchShownAsync(SearchParameters search, Guid? callerId, CancellationToken cancellationToken)
    {
        var display = await rates.ForRequestAsync(search.DisplayCurrency, cancellationToken);
        if (display.Failure is { } refused)
        {
            return refused;
        }

        var converter = display.Value;
        var page = await SearchAsync(search with { DisplayCurrency = null }, callerId, cancellationToken);
        return converter is null ? page : new Page<SearchResult>([.. page.Items.Select(i => i.ShownIn(converter))], page.NextCursor);
    }

    /// <param name="callerId">The signed-in caller, whose record decides which hosts' instant book admits them.</param>
    public async Task<Page<SearchResult>> SearchAsync(SearchParameters search, Guid? callerId, CancellationToken cancellationToken)
    {
        if (search.InstantBook == true)
        {
            search = search with { InstantRulesAdmitting = await InstantRulesAdmittingAsync(callerId, cancellationToken) };
        }

        var generation = await changes.GenerationAsync();
        var fingerprint = Fingerprint(search);
        var key = generation is { } g ? $"search:{g}:{fingerprint}" : null;
        if (key is not null && await cache.GetAsync(key, cancellationToken) is { } cached)
        {
            return JsonSerializer.Deserialize<Page<SearchResult>>(cached, CacheJson)!;
        }

        var page = await RunAsync(search, cancellationToken);
        if (key is not null && popular.AskedAgain(fingerprint))
        {
            await cache.SetAsync(key, JsonSerializer.SerializeToUtf8Bytes(page, CacheJson), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheFor }, cancellationToken);
        }

        return page;
    }

    private async Task<Page<SearchResult>> RunAsync(SearchParameters search, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var statement = SearchSql.Build(search, now, pricing.Value);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await ReadPageAsync((NpgsqlConnection)db.Database.GetDbConnection(), statement, search, now, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<Page<SearchResult>> ReadPageAsync(NpgsqlConnection connection, SearchSql.Statement statement, SearchParameters search, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(statement.Sql, connection);
        command.Parameters.AddRange(statement.Parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(SearchResult Result, double Key)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var currency = reader.GetString(8).Trim();
            rows.Add((new SearchResult(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetDouble(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4),
                reader.IsDBNull(10) ? null : "/media/" + reader.GetString(10),
                reader.IsDBNull(5) ? null : reader.GetDouble(5),
                reader.GetInt32(6),
                reader.IsDBNull(7) ? null : new Money(reader.GetInt64(7), currency),
                reader.IsDBNull(9) ? null : new Money(reader.GetInt64(9), currency),
                reader.GetBoolean(13)), reader.GetDouble(11)));
        }

        var items = rows.Take(search.Limit).ToList();
        var next = rows.Count > search.Limit ? Cursor.Encode(new SearchCursor(search.Sort, items[^1].Key, items[^1].Result.Id, search.After?.AsOf ?? now)) : null;
        return new Page<SearchResult>(items.Select(i => i.Result).ToList(), next);
    }

    /// <summary>Which hosts' instant-book rules admit the caller; anonymous callers only those that admit everyone.</summary>
    private async Task<IReadOnlyList<InstantBookFor>> InstantRulesAdmittingAsync(Guid? callerId, CancellationToken cancellationToken)
    {
        if (callerId is not { } id)
        {
            return [InstantBookFor.Everyone];
        }

        var standing = await GuestStanding.OfAsync(db, id, cancellationToken);
        return [.. Enum.GetValues<InstantBookFor>().Where(rule => InstantBookRules.Admits(rule, standing))];
    }

    private static string Fingerprint(SearchParameters search) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(search, CacheJson))))[..32];
}
