using System.Collections.Frozen;

namespace Roost.Platform.Money;

/// <summary>ISO 4217 currencies we accept, with their minor-unit exponent (JPY has none, BHD has three).</summary>
public static class Currency
{
    private static readonly FrozenDictionary<string, int> MinorDigits = new Dictionary<string, int>
    {
        ["AED"] = 2, ["ARS"] = 2, ["AUD"] = 2, ["BGN"] = 2, ["BHD"] = 3, ["BRL"] = 2, ["CAD"] = 2, ["CHF"] = 2,
        ["CLP"] = 0, ["CNY"] = 2, ["COP"] = 2, ["CZK"] = 2, ["DKK"] = 2, ["EGP"] = 2, ["EUR"] = 2, ["GBP"] = 2,
        ["HKD"] = 2, ["HUF"] = 2, ["IDR"] = 2, ["ILS"] = 2, ["INR"] = 2, ["ISK"] = 0, ["JPY"] = 0, ["KES"] = 2,
        ["KRW"] = 0, ["KWD"] = 3, ["MAD"] = 2, ["MXN"] = 2, ["MYR"] = 2, ["NOK"] = 2, ["NZD"] = 2, ["PEN"] = 2,
        ["PHP"] = 2, ["PLN"] = 2, ["QAR"] = 2, ["RON"] = 2, ["SAR"] = 2, ["SEK"] = 2, ["SGD"] = 2, ["THB"] = 2,
        ["TRY"] = 2, ["TWD"] = 2, ["UAH"] = 2, ["USD"] = 2, ["VND"] = 0, ["ZAR"] = 2,
    }.ToFrozenDictionary();

    public static bool IsKnown(string? code) => code is not null && MinorDigits.ContainsKey(code);

    public static int Digits(string code) => MinorDigits[code];

    /// <summary>An amount for people to read: 12345 EUR is "123.45 EUR", 5 JPY "5 JPY", 1234 BHD "1.234 BHD".</summary>
    public static string Format(long minor, string code)
    {
        var digits = Digits(code);
        var major = minor / (decimal)Math.Pow(10, digits);
        return $"{major.ToString("N" + digits, System.Globalization.CultureInfo.InvariantCulture)} {code}";
    }

    /// <summary>A sanity ceiling for one night or one fee: a million major units, whatever the currency.</summary>
    public static long MaxAmount(string code) => 1_000_000L * (long)Math.Pow(10, Digits(code));
}

/// <summary>An amount in minor units (cents) with its ISO 4217 code, as payment gateways count.</summary>
public sealed record Money(long Amount, string Currency)
{
    /// <summary>The same sum, whatever case a client wrote the currency code in.</summary>
    public bool SameAs(Money other) => Amount == other.Amount && string.Equals(Currency, other.Currency, StringComparison.OrdinalIgnoreCase);

    /// <summary>What a client may send back as an amount it read from us: minor units, a three-letter code.</summary>
    public bool IsWellFormed() => Amount >= 0 && Currency is { Length: 3 };
}

/// <summary>The one place money is rounded: to whole minor units, half away from zero, as payment processors do.</summary>
public static class MoneyMath
{
    public static long Percent(long amount, decimal percent) =>
        (long)Math.Round(amount * percent / 100m, MidpointRounding.AwayFromZero);

    public static long Share(long amount, long part, long whole) =>
        whole == 0 ? 0 : (long)Math.Round((decimal)amount * part / whole, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Splits <paramref name="amount"/> in proportion to <paramref name="weights"/> by largest remainder: the parts add
    /// up to it exactly, and none is above its weight while the amount is not above their sum (rounding each part on
    /// its own could give one minor unit too many or, to the last part, a negative one).
    /// </summary>
    public static long[] Apportion(long amount, params long[] weights)
    {
        var whole = weights.Sum();
        if (whole <= 0)
        {
            return new long[weights.Length];
        }

        var parts = weights.Select(w => (long)((Int128)w * amount / whole)).ToArray();
        var byRemainder = Enumerable.Range(0, weights.Length).OrderByDescending(i => (Int128)weights[i] * amount % whole).ThenBy(i => i);
        foreach (var i in byRemainder.Take((int)(amount - parts.Sum())))
        {
            parts[i]++;
        }

        return parts;
    }
}
