using System.Globalization;
using System.Text;

namespace Roost.Features.Calendar;

/// <param name="At">When the event has hours (a stay from its check-in to its check-out time): written as UTC
/// instants; otherwise it covers <paramref name="Nights"/> as whole days.</param>
public sealed record CalendarEvent(
    string Uid, NightRange Nights, string Summary, string? Location = null, string? Description = null, (DateTimeOffset Start, DateTimeOffset End)? At = null);

/// <summary>RFC 5545 output: CRLF line ends, lines folded at 75 octets, all-day events as DATE values.</summary>
public static class ICalendarWriter
{
    public static string Write(string calendarName, IEnumerable<CalendarEvent> events, DateTimeOffset now)
    {
        var text = new StringBuilder();
        Line(text, "BEGIN:VCALENDAR");
        Line(text, "VERSION:2.0");
        Line(text, "PRODID:-//Roost//Roost Calendar 1.0//EN");
        Line(text, "CALSCALE:GREGORIAN");
        Line(text, "METHOD:PUBLISH");
        Line(text, $"X-WR-CALNAME:{Escape(calendarName)}");
        var stamp = Instant(now);
        foreach (var e in events)
        {
            Line(text, "BEGIN:VEVENT");
            Line(text, $"UID:{Escape(e.Uid)}");
            Line(text, $"DTSTAMP:{stamp}");
            if (e.At is { } at)
            {
                Line(text, $"DTSTART:{Instant(at.Start)}");
                Line(text, $"DTEND:{Instant(at.End)}");
            }
            else
            {
                Line(text, $"DTSTART;VALUE=DATE:{Date(e.Nights.Start)}");
                Line(text, $"DTEND;VALUE=DATE:{Date(e.Nights.End)}");
            }

            Line(text, $"SUMMARY:{Escape(e.Summary)}");
            if (e.Location is { } location)
            {
                Line(text, $"LOCATION:{Escape(location)}");
            }

            if (e.Description is { } description)
            {
                Line(text, $"DESCRIPTION:{Escape(description)}");
            }

            Line(text, "TRANSP:OPAQUE");
            Line(text, "END:VEVENT");
        }

        Line(text, "END:VCALENDAR");
        return text.ToString();
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,").Replace("\r\n", "\\n").Replace("\n", "\\n");

    /// <summary>Folds by UTF-8 octets without splitting a character, continuation lines starting with a space.</summary>
    private static void Line(StringBuilder text, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                text.Append("\r\n ");
                octets = 0;
                limit = 74;
            }

            text.Append(rune.ToString());
            octets += size;
        }

        text.Append("\r\n");
    }
}
