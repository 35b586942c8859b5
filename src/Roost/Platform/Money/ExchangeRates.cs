using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Caching.Hybrid;
using Roost.Platform.Data;
using Roost.Platform.Errors;

namespace Roost.Platform.Money;

/// <summary>How many units of a currency one euro bought on <see cref="AsOf"/> (the European Central Bank's reference rate).</summary>
public sealed class ExchangeRate
{
    private ExchangeRate()
    {
    }

    public string Currency { get; private set; } = "";

    public decimal PerEuro { get; private set; }

    public DateOnly AsOf { get; private set; }

    public DateTimeOffset FetchedAt { get; private set; }
}

internal sealed class ExchangeRateConfiguration : IEntityTypeConfiguration<ExchangeRate>
{
    public void Configure(EntityTypeBuilder<ExchangeRate> rate)
    {
        rate.ToTable("exchange_rates", t => t.HasCheckConstraint("ck_exchange_rates_positive", "per_euro > 0"));
        rate.HasKey(r => r.Currency);
        rate.Property(r => r.Currency).HasMaxLength(3).IsFixedLength();
        rate.Property(r => r.PerEuro).HasPrecision(20, 8);
    }
}

/// <summary>
/// Prices shown in a currency the guest reads, beside the ones they pay: guests pay in the listing's currency, so a
/// converted price is for reading only, rounded like every amount (half away from zero, whole minor units).
/// </summary>
public sealed class CurrencyConverter(string currency, DateOnly asOf, FrozenDictionary<string, decimal> perEuro)
{
    public string Currency => currency;

    /// <summary>The day of the rates used: reference rates, not what a card issuer will charge.</summary>
    public DateOnly AsOf => asOf;

    /// <summary>Null for nothing to convert, or for a currency without a rate.</summary>
    public Money? Convert(Money? amount)
    {
        if (amount is null || !perEuro.TryGetValue(amount.Currency, out var from) || !perEuro.TryGetValue(currency, out var to))
        {
            return null;
        }

        if (amount.Currency == currency)
        {
            return amount;
        }

        var major = amount.Amount / Pow10(Roost.Platform.Money.Currency.Digits(amount.Currency)) / from * to;
        return new Money((long)Math.Round(major * Pow10(Roost.Platform.Money.Currency.Digits(currency)), MidpointRounding.AwayFromZero), currency);
    }

    private static decimal Pow10(int digits) => digits switch { 0 => 1m, 2 => 100m, 3 => 1000m, _ => (decimal)Math.Pow(10, digits) };
}

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
