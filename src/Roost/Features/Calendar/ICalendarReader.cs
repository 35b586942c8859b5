using System.Globalization;

namespace Roost.Features.Calendar;

/// <summary>
/// Reads the busy ranges of an iCalendar feed: VEVENTs with DTSTART and DTEND (or DURATION in days, or one night
/// when neither is given). Cancelled and transparent (not busy) events are skipped. Times are cut to their date.
/// </summary>
public static class ICalendarReader
{
    public static IReadOnlyList<CalendarEvent> Read(string text)
    {
        var lines = Unfold(text);
        if (lines.FirstOrDefault()?.Equals("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase) != true)
        {
            throw new FormatException("The feed is not an iCalendar file (no BEGIN:VCALENDAR).");
        }

        var events = new List<CalendarEvent>();
        Dictionary<string, (string Parameters, string Value)>? current = null;
        foreach (var line in lines)
        {
            if (line.Equals("BEGIN:VEVENT", StringComparison.OrdinalIgnoreCase))
            {
                current = new(StringComparer.OrdinalIgnoreCase);
            }
            else if (line.Equals("END:VEVENT", StringComparison.OrdinalIgnoreCase) && current is not null)
            {
                if (ToEvent(current) is { } e)
                {
                    events.Add(e);
                }

                current = null;
            }
            else if (current is not null && Split(line) is { } property)
            {
                current.TryAdd(property.Name, (property.Parameters, property.Value));
            }
        }

        return events;
    }

    private static CalendarEvent? ToEvent(Dictionary<string, (string Parameters, string Value)> properties)
    {
        if (!properties.TryGetValue("DTSTART", out var start))
        {
            throw new FormatException("An event has no DTSTART.");
        }

        if (properties.TryGetValue("STATUS", out var status) && status.Value.Equals("CANCELLED", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (properties.TryGetValue("TRANSP", out var transparency) && transparency.Value.Equals("TRANSPARENT", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var from = ParseDate(start.Value);
        var to = properties.TryGetValue("DTEND", out var end)
            ? ParseDate(end.Value)
            : properties.TryGetValue("DURATION", out var duration) ? from.AddDays(DurationDays(duration.Value)) : from.AddDays(1);
        if (to <= from)
        {
            to = from.AddDays(1);
        }

        var uid = properties.TryGetValue("UID", out var u) ? u.Value : $"{from:yyyyMMdd}-{to:yyyyMMdd}";
        var summary = properties.TryGetValue("SUMMARY", out var s) ? Unescape(s.Value) : "Not available";
        return new CalendarEvent(uid, new NightRange(from, to), summary);
    }

    private static DateOnly ParseDate(string value)
    {
        var digits = value.Length >= 8 ? value[..8] : value;
        return DateOnly.TryParseExact(digits, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"'{value}' is not an iCalendar date.");
    }

    private static int DurationDays(string value)
    {
        // P3D, P1W, P2DT3H: whole days and weeks count; hours round up to the next night.
        var weeks = value.Contains('W') && int.TryParse(value.TrimStart('P').Split('W')[0], out var w) ? w : 0;
        var days = value.Contains('D') && int.TryParse(value.TrimStart('P').Split('D')[0].Split('W')[^1], out var d) ? d : 0;
        return Math.Max(1, (weeks * 7) + days + (value.Contains('T') ? 1 : 0));
    }

    private static List<string> Unfold(string text)
    {
        var lines = new List<string>();
        foreach (var raw in text.Replace("\r\n", "\n").Split('\n'))
        {
            if ((raw.StartsWith(' ') || raw.StartsWith('\t')) && lines.Count > 0)
            {
                lines[^1] += raw[1..];
            }
            else if (raw.Length > 0)
            {
                lines.Add(raw.TrimEnd('\r'));
            }
        }

        return lines;
    }

    private static (string Name, string Parameters, string Value)? Split(string line)
    {
        var colon = line.IndexOf(':');
        if (colon <= 0)
        {
            return null;
        }

        var head = line[..colon];
        var semicolon = head.IndexOf(';');
        return semicolon < 0 ? (head, "", line[(colon + 1)..]) : (head[..semicolon], head[(semicolon + 1)..], line[(colon + 1)..]);
    }

    private static string Unescape(string value) =>
        value.Replace("\\n", "\n").Replace("\\N", "\n").Replace("\\,", ",").Replace("\\;", ";").Replace("\\\\", "\\");
}
