using System.Net;
using Roost.Features.Calendar;
using Roost.Features.Listings;
using Roost.Platform.Files;
using Roost.Platform.Http;

namespace Roost.Tests.Rules;

public sealed class CalendarRuleTests
{
    private static readonly DateOnly D = new(2027, 3, 1);

    private static NightRange R(int from, int to) => new(D.AddDays(from), D.AddDays(to));

    [Fact]
    public void A_checkout_day_does_not_overlap_the_next_check_in()
    {
        R(0, 3).Overlaps(R(3, 5)).ShouldBeFalse();
        R(0, 3).Overlaps(R(2, 5)).ShouldBeTrue();
        R(0, 3).Touches(R(3, 5)).ShouldBeTrue();
    }

    [Fact]
    public void Minus_cuts_holes_and_keeps_the_rest_in_order() =>
        R(0, 10).Minus([R(2, 4), R(6, 7), R(9, 12)]).ShouldBe([R(0, 2), R(4, 6), R(7, 9)]);

    [Fact]
    public void Merge_joins_overlapping_and_adjacent_ranges() =>
        NightRange.Merge([R(5, 7), R(0, 2), R(2, 3), R(6, 9), R(11, 12)]).ShouldBe([R(0, 3), R(5, 9), R(11, 12)]);

    [Theory]
    [InlineData(2027, 3, 5, 15000)] // Friday
    [InlineData(2027, 3, 6, 15000)] // Saturday
    [InlineData(2027, 3, 7, 10000)] // Sunday
    [InlineData(2027, 3, 4, 10000)] // Thursday
    public void Weekend_nights_are_Friday_and_Saturday(int year, int month, int day, long expected) =>
        NightPricing.PriceOf(new DateOnly(year, month, day), 10000, 15000, null).ShouldBe(expected);

    [Fact]
    public void The_weekend_SQL_prices_by_is_Friday_and_Saturday_in_ISO_numbers() =>
        NightPricing.WeekendIsoDays.ShouldBe([5, 6]);

    [Fact]
    public void An_override_beats_both_prices_and_no_weekend_price_means_the_base() =>
        (NightPricing.PriceOf(new DateOnly(2027, 3, 5), 10000, 15000, 9000), NightPricing.PriceOf(new DateOnly(2027, 3, 5), 10000, null, null))
            .ShouldBe((9000L, 10000L));

    [Fact]
    public void The_reader_unfolds_lines_and_handles_dates_times_durations_and_cancellations()
    {
        var text = string.Join("\r\n",
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:x",
            "BEGIN:VEVENT", "UID:a", "DTSTART;VALUE=DATE:20270301", "DTEND;VALUE=DATE:20270304", "SUMMARY:Reserved by a very long name th", " at was folded", "END:VEVENT",
            "BEGIN:VEVENT", "UID:b", "DTSTART;TZID=Europe/Lisbon:20270310T150000", "DURATION:P2D", "END:VEVENT",
            "BEGIN:VEVENT", "UID:c", "DTSTART:20270320T000000Z", "END:VEVENT",
            "BEGIN:VEVENT", "UID:d", "DTSTART;VALUE=DATE:20270401", "DTEND;VALUE=DATE:20270405", "STATUS:CANCELLED", "END:VEVENT",
            "BEGIN:VEVENT", "UID:e", "DTSTART;VALUE=DATE:20270501", "DTEND;VALUE=DATE:20270505", "TRANSP:TRANSPARENT", "END:VEVENT",
            "END:VCALENDAR", "");

        var events = ICalendarReader.Read(text);

        events.Select(e => (e.Uid, e.Nights)).ShouldBe(
        [
            ("a", new NightRange(new(2027, 3, 1), new(2027, 3, 4))),
            ("b", new NightRange(new(2027, 3, 10), new(2027, 3, 12))),
            ("c", new NightRange(new(2027, 3, 20), new(2027, 3, 21))),
        ]);
        events[0].Summary.ShouldBe("Reserved by a very long name that was folded");
    }

    [Theory]
    [InlineData("<html></html>")]
    [InlineData("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:garbage\r\nEND:VEVENT\r\nEND:VCALENDAR")]
    [InlineData("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:no start\r\nEND:VEVENT\r\nEND:VCALENDAR")]
    public void A_broken_feed_is_a_format_error(string text) =>
        Should.Throw<FormatException>(() => ICalendarReader.Read(text));

    [Fact]
    public void The_writer_escapes_text_and_folds_long_lines_without_splitting_characters()
    {
        var title = "Casa da Avó; sala, cozinha e terraço com vista — " + new string('é', 40);
        var ics = ICalendarWriter.Write(title, [new CalendarEvent("x@roost", new NightRange(D, D.AddDays(2)), "Not available")], DateTimeOffset.UnixEpoch);

        ics.Split("\r\n").ShouldAllBe(line => System.Text.Encoding.UTF8.GetByteCount(line) <= 75);
        ics.ShouldContain("\\;");
        ics.ShouldContain("\\,");
        var unfolded = ics.Replace("\r\n ", "");
        unfolded.ShouldContain(new string('é', 40));
        ICalendarReader.Read(ics).Single().Nights.ShouldBe(new NightRange(D, D.AddDays(2)));
    }

    [Theory]
    [InlineData("8.8.8.8", false, true)]
    [InlineData("127.0.0.1", false, false)]
    [InlineData("127.0.0.1", true, true)]
    [InlineData("10.0.0.5", true, false)]
    [InlineData("172.16.0.1", false, false)]
    [InlineData("172.32.0.1", false, true)]
    [InlineData("192.168.1.1", false, false)]
    [InlineData("169.254.169.254", true, false)]
    [InlineData("100.64.0.1", false, false)]
    [InlineData("0.0.0.0", true, false)]
    [InlineData("::1", false, false)]
    [InlineData("fe80::1", true, false)]
    [InlineData("fd00::1", false, false)]
    [InlineData("::ffff:10.0.0.1", false, false)]
    [InlineData("2606:4700::1111", false, true)]
    public void Only_public_addresses_may_be_fetched(string address, bool allowLoopback, bool allowed) =>
        NetworkPolicy.IsAllowed(IPAddress.Parse(address), allowLoopback, allowPrivate: false).ShouldBe(allowed);

    [Fact]
    public void Images_are_recognised_by_their_first_bytes()
    {
        ImageKind.Sniff([0xFF, 0xD8, 0xFF, 0xE1]).ShouldBe(ImageKind.Jpeg);
        ImageKind.Sniff(PlaceholderImage.Png(1, 1, 0, 0, 0)).ShouldBe(ImageKind.Png);
        ImageKind.Sniff([.. "RIFF"u8, 0, 0, 0, 0, .. "WEBP"u8]).ShouldBe(ImageKind.WebP);
        ImageKind.Sniff([.. "RIFF"u8, 0, 0, 0, 0, .. "WAVE"u8]).ShouldBeNull();
        ImageKind.Sniff("GIF89a"u8).ShouldBeNull();
        ImageKind.Sniff([]).ShouldBeNull();
    }

    [Fact]
    public void An_image_cut_short_is_told_from_a_whole_one()
    {
        var png = PlaceholderImage.Png(4, 3, 200, 120, 40);
        Whole(ImageKind.Png, png).ShouldBeTrue();
        Whole(ImageKind.Png, png[..^5]).ShouldBeFalse();
        Whole(ImageKind.Png, png[..8]).ShouldBeFalse();
        Whole(ImageKind.Png, PlaceholderImage.Png(ImageKind.MaxSide + 1, 1, 0, 0, 0)).ShouldBeFalse();

        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0xFF, 0xD9];
        Whole(ImageKind.Jpeg, jpeg).ShouldBeTrue();
        Whole(ImageKind.Jpeg, [.. jpeg, 0, 0, 0]).ShouldBeTrue("padding after the end-of-image marker is harmless");
        Whole(ImageKind.Jpeg, jpeg[..^2]).ShouldBeFalse();

        byte[] webp = [.. "RIFF"u8, 0x1A, 0, 0, 0, .. "WEBPVP8 "u8, 0x0E, 0, 0, 0, 0x30, 0x01, 0, 0x9D, 0x01, 0x2A, 1, 0, 1, 0, 0, 0, 0, 0];
        Whole(ImageKind.WebP, webp).ShouldBeTrue();
        Whole(ImageKind.WebP, webp[..^3]).ShouldBeFalse();
    }

    private static bool Whole(ImageKind kind, byte[] file) =>
        kind.IsWhole(file.AsSpan(0, Math.Min(ImageKind.SniffLength, file.Length)), file.AsSpan(Math.Max(0, file.Length - ImageKind.TailLength)), file.Length);
}
