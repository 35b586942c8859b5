using Roost.Features.Reviews;

namespace Roost.Tests.Rules;

public sealed class SuperhostRuleTests
{
    private static bool Qualifies(HostYear year, double? rating = 4.9, int? response = 95) =>
        SuperhostRules.Criteria(year with { Rating = rating }, response).All(c => c.Met);

    private static bool Met(string criterion, HostYear year, int? response = 95) =>
        SuperhostRules.Criteria(year with { Rating = 4.9 }, response).Single(c => c.Name == criterion).Met;

    [Theory]
    [InlineData(10, 30, true)]
    [InlineData(9, 99, false)]
    [InlineData(3, 100, true)]
    [InlineData(3, 99, false)]
    [InlineData(2, 200, false)]
    public void Ten_stays_or_three_that_add_up_to_a_hundred_nights(int stays, int nights, bool met) =>
        Met("stays", new HostYear(stays, nights, 0)).ShouldBe(met);

    [Theory]
    [InlineData(99, 1, false)]
    [InlineData(100, 1, true)]
    [InlineData(10, 0, true)]
    [InlineData(10, 1, false)]
    public void Host_cancellations_stay_under_one_percent_of_the_stays_taken_on(int stays, int cancelled, bool met) =>
        Met("cancellations", new HostYear(stays, stays * 3, cancelled)).ShouldBe(met);

    [Fact]
    public void A_rating_of_four_point_eight_passes_and_none_yet_does_not()
    {
        var year = new HostYear(12, 40, 0);
        Qualifies(year, rating: 4.8).ShouldBeTrue();
        Qualifies(year, rating: 4.79).ShouldBeFalse();
        Qualifies(year, rating: null).ShouldBeFalse();
    }

    [Fact]
    public void Answering_ninety_percent_passes_and_a_host_with_nothing_to_answer_is_not_held_back()
    {
        var year = new HostYear(12, 40, 0);
        Qualifies(year, response: 90).ShouldBeTrue();
        Qualifies(year, response: 89).ShouldBeFalse();
        Qualifies(year, response: null).ShouldBeTrue();
    }

    [Theory]
    [InlineData("2026-11-27T18:00:00Z", "2027-01-01T02:00:00Z")]
    [InlineData("2027-01-01T01:59:59Z", "2027-01-01T02:00:00Z")]
    [InlineData("2027-01-01T02:00:00Z", "2027-04-01T02:00:00Z")]
    [InlineData("2027-05-15T00:00:00Z", "2027-07-01T02:00:00Z")]
    public void Assessments_come_at_the_start_of_each_quarter(string now, string next) =>
        SuperhostRules.NextAssessment(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture));
}
