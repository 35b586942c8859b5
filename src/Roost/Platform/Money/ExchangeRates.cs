using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Roost.Platform.Data;
using Roost.Platform.Errors;

namespace Roost.Platform.Money;

/// <summary>The stored reference rates, read through the process's cache: they change once a day.</summary>
public sealed class ExchangeRates(RoostDb db, HybridCache cache)
{
    private const string CacheKey = "money:exchange-rates";

    /// <summary>A converter into <paramref name="currency"/>; 422 when Roost has no rate for it yet.</summary>
    public async Task<Outcome<CurrencyConverter>> ToAsync(string currency, CancellationToken cancellationToken)
    {
        var rates = await cache.GetOrCreateAsync(CacheKey, async token =>
            await db.Set<ExchangeRate>().AsNoTracking().Select(r => new StoredRate(r.Currency, r.PerEuro, r.AsOf)).ToListAsync(token),
            // In each process's memory only: a few dozen rows that change daily need no Redis round trip, and a node
            // sees a new day's rates within ten minutes of the job storing them.
            new HybridCacheEntryOptions
            {
                Expiration = TimeSpan.FromMinutes(10),
                LocalCacheExpiration = TimeSpan.FromMinutes(10),
                Flags = HybridCacheEntryFlags.DisableDistributedCache,
            },
            cancellationToken: cancellationToken);
        if (rates.All(r => r.Currency != currency))
        {
            return Failure.Unprocessable($"Prices cannot be shown in {currency} yet: Roost has no exchange rate for it.",
                new Dictionary<string, string[]> { ["currency"] = [$"No rate for {currency}; try one of {string.Join(", ", rates.Select(r => r.Currency).Order(StringComparer.Ordinal))}."] });
        }

        return new CurrencyConverter(currency, rates.Max(r => r.AsOf), rates.ToFrozenDictionary(r => r.Currency, r => r.PerEuro));
    }

    /// <summary>
    /// A caller's <c>currency=</c>: nothing asked is no converter; a code Roost does not take is 400, one without a rate
    /// yet 422. Codes are taken in any case.
    /// </summary>
    public async Task<Outcome<CurrencyConverter?>> ForRequestAsync(string? currency, CancellationToken cancellationToken)
    {
        if (currency is null)
        {
            return (CurrencyConverter?)null;
        }

        var code = currency.Trim().ToUpperInvariant();
        if (!Currency.IsKnown(code))
        {
            return Failure.Validation("currency", "An ISO 4217 code Roost knows, such as EUR, USD or JPY.");
        }

        var found = await ToAsync(code, cancellationToken);
        return found.Failure is { } failure ? failure : found.Value;
    }

    public Task ForgetAsync(CancellationToken cancellationToken) => cache.RemoveAsync(CacheKey, cancellationToken).AsTask();

    private sealed record StoredRate(string Currency, decimal PerEuro, DateOnly AsOf);
}
