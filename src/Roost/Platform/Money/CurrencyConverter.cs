using System.Collections.Frozen;

namespace Roost.Platform.Money;

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
