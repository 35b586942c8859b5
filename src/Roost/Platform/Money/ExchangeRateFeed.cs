using System.Globalization;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roost.Platform.Data;

namespace Roost.Platform.Money;

public sealed class ExchangeRateOptions
{
    public const string Section = "ExchangeRates";

    /// <summary>The European Central Bank's daily reference rates (about 30 currencies, each against the euro, published around 16:00 CET).</summary>
    public string Url { get; set; } = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);
}

/// <summary>
/// The daily job that keeps <see cref="ExchangeRate"/> current from the ECB's feed. A feed that cannot be read leaves
/// yesterday's rates in place (each carries its day, which the API shows), and is logged; it never empties the table.
/// </summary>
public sealed class ExchangeRateFeed(RoostDb db, HttpClient http, IOptions<ExchangeRateOptions> options, ExchangeRates rates, TimeProvider time, ILogger<ExchangeRateFeed> logger)
{
    /// <returns>How many rates were stored.</returns>
    public async Task<int> RefreshAsync()
    {
        XDocument feed;
        try
        {
            using var timeout = new CancellationTokenSource(options.Value.Timeout);
            await using var body = await http.GetStreamAsync(options.Value.Url, timeout.Token);
            feed = await XDocument.LoadAsync(body, LoadOptions.None, timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Xml.XmlException)
        {
            logger.LogWarning("Exchange rates could not be fetched from {Url} ({Error}); the stored ones stay", options.Value.Url, ex.Message);
            return 0;
        }

        if (Parse(feed) is not { } published)
        {
            logger.LogWarning("The exchange-rate feed at {Url} held no dated rates; the stored ones stay", options.Value.Url);
            return 0;
        }

        await StoreAsync(db, published.AsOf, published.PerEuro, time.GetUtcNow());
        await rates.ForgetAsync(CancellationToken.None);
        logger.LogInformation("Stored {Count} exchange rates of {AsOf}", published.PerEuro.Count, published.AsOf);
        return published.PerEuro.Count;
    }

    /// <summary>The ECB's layout: a Cube with a time attribute holding one Cube per currency with its rate; only currencies Roost knows are kept.</summary>
    public static (DateOnly AsOf, IReadOnlyDictionary<string, decimal> PerEuro)? Parse(XDocument feed)
    {
        var day = feed.Descendants().FirstOrDefault(e => e.Name.LocalName == "Cube" && e.Attribute("time") is not null);
        if (day is null || !DateOnly.TryParseExact(day.Attribute("time")!.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf))
        {
            return null;
        }

        var perEuro = new Dictionary<string, decimal> { ["EUR"] = 1m };
        foreach (var cube in day.Elements().Where(e => e.Name.LocalName == "Cube"))
        {
            if (cube.Attribute("currency")?.Value is { } code && Currency.IsKnown(code)
                && decimal.TryParse(cube.Attribute("rate")?.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var rate) && rate > 0)
            {
                perEuro[code] = rate;
            }
        }

        return perEuro.Count > 1 ? (asOf, perEuro) : null;
    }

    /// <summary>Upserts the day's rates; a currency the feed stopped quoting keeps its last rate and day.</summary>
    public static async Task StoreAsync(RoostDb db, DateOnly asOf, IReadOnlyDictionary<string, decimal> perEuro, DateTimeOffset now)
    {
        var codes = perEuro.Keys.ToArray();
        var values = codes.Select(c => perEuro[c]).ToArray();
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO exchange_rates (currency, per_euro, as_of, fetched_at)
            SELECT r.currency, r.per_euro, {asOf}, {now} FROM unnest({codes}, {values}) AS r(currency, per_euro)
            ON CONFLICT (currency) DO UPDATE SET per_euro = EXCLUDED.per_euro, as_of = EXCLUDED.as_of, fetched_at = EXCLUDED.fetched_at
            WHERE exchange_rates.as_of <= EXCLUDED.as_of
            """);
    }
}
