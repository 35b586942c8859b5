using System.Collections.Frozen;

namespace Roost.Platform.Time;

public static class TimeZones
{
    /// <summary>Countries that keep one civil time on the mainland; elsewhere the host must say which zone.</summary>
    private static readonly FrozenDictionary<string, string> SingleZoneCountries = new Dictionary<string, string>
    {
        ["AT"] = "Europe/Vienna", ["BE"] = "Europe/Brussels", ["CH"] = "Europe/Zurich", ["CZ"] = "Europe/Prague",
        ["DE"] = "Europe/Berlin", ["DK"] = "Europe/Copenhagen", ["FR"] = "Europe/Paris", ["GB"] = "Europe/London",
        ["GR"] = "Europe/Athens", ["HR"] = "Europe/Zagreb", ["HU"] = "Europe/Budapest", ["IE"] = "Europe/Dublin",
        ["IT"] = "Europe/Rome", ["NL"] = "Europe/Amsterdam", ["NO"] = "Europe/Oslo", ["PL"] = "Europe/Warsaw",
        ["SE"] = "Europe/Stockholm", ["TR"] = "Europe/Istanbul", ["JP"] = "Asia/Tokyo", ["KR"] = "Asia/Seoul",
        ["SG"] = "Asia/Singapore", ["TH"] = "Asia/Bangkok", ["VN"] = "Asia/Ho_Chi_Minh", ["IN"] = "Asia/Kolkata",
        ["AE"] = "Asia/Dubai", ["IL"] = "Asia/Jerusalem", ["MA"] = "Africa/Casablanca", ["ZA"] = "Africa/Johannesburg",
        ["EG"] = "Africa/Cairo", ["KE"] = "Africa/Nairobi", ["AR"] = "America/Argentina/Buenos_Aires",
        ["CO"] = "America/Bogota", ["PE"] = "America/Lima", ["IS"] = "Atlantic/Reykjavik", ["CN"] = "Asia/Shanghai",
        ["HK"] = "Asia/Hong_Kong", ["TW"] = "Asia/Taipei", ["PH"] = "Asia/Manila", ["MY"] = "Asia/Kuala_Lumpur",
    }.ToFrozenDictionary();

    public static string? DefaultFor(string? countryCode) =>
        countryCode is not null && SingleZoneCountries.TryGetValue(countryCode, out var zone) ? zone : null;

    /// <summary>IANA names only ("Europe/Lisbon", "UTC"), never Windows names, and only zones this machine knows.</summary>
    public static bool IsValid(string id) =>
        (id.Contains('/') || id == "UTC")
        && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
        && zone.HasIanaId;

    /// <summary>
    /// The UTC instant of a wall-clock time in a zone. A time skipped by a spring-forward change is taken as the moment
    /// just after the jump; an ambiguous one (the hour repeated in autumn) as its standard-time reading.
    /// </summary>
    public static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static DateTimeOffset ToUtc(DateTime local, string timeZone) => ToUtc(local, TimeZoneInfo.FindSystemTimeZoneById(timeZone));

    public static DateOnly Today(string timeZone, DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime);
}
