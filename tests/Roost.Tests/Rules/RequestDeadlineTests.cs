using Roost.Features.Bookings;

namespace Roost.Tests.Rules;

/// <summary>
/// When an unanswered request lapses: 24 hours on, or when the guest is due to arrive if sooner (Lisbon: WET = UTC in
/// winter, WEST = UTC+1 from 01:00 UTC on the last Sunday of March, 2027-03-28).
/// </summary>
public sealed class RequestDeadlineTests
{
    private const string Lisbon = "Europe/Lisbon";
    private static readonly TimeOnly CheckInTime = new(15, 0);
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    private static DateTimeOffset Utc(int month, int day, int hour) => new(2027, month, day, hour, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Deadline(DateTimeOffset now, DateOnly checkIn, TimeSpan? lifetime = null) =>
        Booking.AnswerDeadline(now, lifetime ?? Day, checkIn, CheckInTime, Lisbon);

    [Fact]
    public void A_stay_weeks_away_gives_the_host_the_whole_lifetime()
    {
        Deadline(Utc(3, 1, 10), new DateOnly(2027, 4, 10)).ShouldBe(Utc(3, 2, 10));
        Deadline(Utc(3, 1, 10), new DateOnly(2027, 4, 10), TimeSpan.FromHours(2)).ShouldBe(Utc(3, 1, 12));
    }

    [Fact]
    public void A_stay_starting_within_the_lifetime_must_be_answered_by_check_in()
    {
        Deadline(Utc(3, 20, 0), new DateOnly(2027, 3, 20)).ShouldBe(Utc(3, 20, 15));
        Deadline(Utc(3, 20, 16), new DateOnly(2027, 3, 21)).ShouldBe(Utc(3, 21, 15));
        // A check-in exactly 24 hours away: both limits are the same moment.
        Deadline(Utc(3, 20, 15), new DateOnly(2027, 3, 21)).ShouldBe(Utc(3, 21, 15));
    }

    [Fact]
    public void Check_in_is_counted_in_local_time_across_the_clock_change()
    {
        // 15:00 on the day the clocks go forward is 14:00 UTC, an hour before the winter reading would say.
        Deadline(Utc(3, 27, 20), new DateOnly(2027, 3, 28)).ShouldBe(Utc(3, 28, 14));
    }

    [Fact]
    public void A_same_day_request_after_the_check_in_hour_has_until_local_midnight()
    {
        Deadline(Utc(3, 20, 18), new DateOnly(2027, 3, 20)).ShouldBe(Utc(3, 21, 0));
        // In summer, local midnight is 23:00 UTC.
        Deadline(Utc(7, 10, 20), new DateOnly(2027, 7, 10)).ShouldBe(Utc(7, 10, 23));
    }
}
