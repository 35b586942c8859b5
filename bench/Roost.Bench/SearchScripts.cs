using System.Globalization;
using System.Text.RegularExpressions;
using Roost.Features.Bookings;
using Roost.Features.Calendar;
using Roost.Features.Listings;
using Roost.Features.Search;

namespace Roost.Bench;

/// <summary>
/// Writes pgbench scripts holding exactly the SQL the search endpoint runs (from <see cref="SearchSql"/>), with its
/// parameters drawn at random the way the HTTP scenarios draw them.
/// </summary>
public static partial class SearchScripts
{
    public static int Write(Options options)
    {
        Directory.CreateDirectory(options.OutDirectory);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var cityNames = string.Join(",", WorldCities.All.Select(c => $"'{c.Name.ToLowerInvariant()}'"));
        string Floats(Func<City, double> pick) => string.Join(",", WorldCities.All.Select(c => pick(c).ToString("0.####", CultureInfo.InvariantCulture)));
        var weekendDays = string.Join(",", NightPricing.WeekendIsoDays);
        var common = new Dictionary<string, string>
        {
            ["now"] = "now()",
            ["as_of"] = "now()",
            ["guests"] = ":guests::int",
            ["pets"] = "0",
            ["check_in"] = $"(date '{today:yyyy-MM-dd}' + :offset::int)",
            ["check_out"] = $"(date '{today:yyyy-MM-dd}' + :offset::int + :nights::int)",
            ["nights"] = ":nights::int",
            // What SearchSql works out in C# from the dates, here in SQL, once per statement.
            ["notice_sure"] = $"((date '{today:yyyy-MM-dd}' + :offset::int) - (now() AT TIME ZONE 'UTC')::date - 1)",
            ["notice_never"] = $"((date '{today:yyyy-MM-dd}' + :offset::int) - (now() AT TIME ZONE 'UTC')::date + 1)",
            ["window_sure"] = $"(SELECT min(m) FROM generate_series(0, 1200) m WHERE (date '{today:yyyy-MM-dd}' + :offset::int + :nights::int) <= ((now() AT TIME ZONE 'UTC')::date - 1 + make_interval(months => m))::date)",
            ["window_never"] = $"(SELECT coalesce(max(m), -1) FROM generate_series(0, 1200) m WHERE (date '{today:yyyy-MM-dd}' + :offset::int + :nights::int) > ((now() AT TIME ZONE 'UTC')::date + 1 + make_interval(months => m))::date)",
            ["check_in_day"] = $"(1 << extract(dow FROM (date '{today:yyyy-MM-dd}' + :offset::int))::int)",
            ["check_out_day"] = $"(1 << extract(dow FROM (date '{today:yyyy-MM-dd}' + :offset::int + :nights::int))::int)",
            ["weekend_nights"] = $"(SELECT count(*)::int FROM generate_series((date '{today:yyyy-MM-dd}' + :offset::int)::timestamp, (date '{today:yyyy-MM-dd}' + :offset::int + :nights::int - 1)::timestamp, interval '1 day') d WHERE extract(isodow FROM d)::int = ANY('{{{weekendDays}}}'::int[]))",
            ["weekend_days"] = $"'{{{weekendDays}}}'::int[]",
            ["service_fee_pct"] = "14",
            ["tax_countries"] = "'{}'",
            ["tax_pcts"] = "'{}'",
            ["limit"] = "21",
        };
        const string Draws = "\\set offset random(1, 330)\n\\set nights random(2, 7)\n\\set guests random(1, 4)\n\\set city random(1, 50)\n";

        var city = SearchSql.Build(Sample(location: "lisbon"), DateTimeOffset.UtcNow, new BookingOptions());
        File.WriteAllText(Path.Combine(options.OutDirectory, "search-city.sql"), Draws + Render(city.Sql, new Dictionary<string, string>(common)
        {
            ["location"] = $"(ARRAY[{cityNames}])[:city::int]",
        }));

        var box = SearchSql.Build(Sample(box: new GeoBox(38, -9.2, 38.8, -9), maxPrice: 30000), DateTimeOffset.UtcNow, new BookingOptions());
        File.WriteAllText(Path.Combine(options.OutDirectory, "search-bbox.sql"), Draws + Render(box.Sql, new Dictionary<string, string>(common)
        {
            ["sw_lat"] = $"((ARRAY[{Floats(c => c.Lat)}])[:city::int] - 0.05)",
            ["sw_lng"] = $"((ARRAY[{Floats(c => c.Lng)}])[:city::int] - 0.05)",
            ["ne_lat"] = $"((ARRAY[{Floats(c => c.Lat)}])[:city::int] + 0.05)",
            ["ne_lng"] = $"((ARRAY[{Floats(c => c.Lng)}])[:city::int] + 0.05)",
            ["max_price"] = $"((ARRAY[{string.Join(",", WorldCities.All.Select(c => c.TypicalNight))}])[:city::int] * 6)",
        }));
        Console.WriteLine($"pgbench scripts written to {options.OutDirectory}");
        return 0;
    }

    private static SearchParameters Sample(string? location = null, GeoBox? box = null, long? maxPrice = null)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return new SearchParameters(location, box, null, today.AddDays(30), today.AddDays(33), 2, null, maxPrice, [], [], [], null, null, null, null, SearchSort.Relevance, 20, null);
    }

    private static string Render(string sql, Dictionary<string, string> values) =>
        Parameter().Replace(sql, m => values.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"No pgbench value for @{m.Groups[1].Value}")).ReplaceLineEndings(" ") + ";\n";

    [GeneratedRegex(@"@([a-z_]+)")]
    private static partial Regex Parameter();
}
