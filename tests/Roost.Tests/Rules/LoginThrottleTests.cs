using Roost.Features.Accounts;

namespace Roost.Tests.Rules;

public sealed class LoginThrottleTests
{
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_fifth_failure_within_15_minutes_locks_for_15_minutes()
    {
        var throttle = LoginThrottle.For("a@b.test", Start);
        for (var i = 0; i < 4; i++)
        {
            throttle.RecordFailure(Start.AddMinutes(i * 3));
            throttle.LockRemaining(Start.AddMinutes(i * 3)).ShouldBeNull();
        }

        throttle.RecordFailure(Start.AddMinutes(14));

        throttle.LockRemaining(Start.AddMinutes(14)).ShouldBe(TimeSpan.FromMinutes(15));
        throttle.LockRemaining(Start.AddMinutes(28)).ShouldBe(TimeSpan.FromMinutes(1));
        throttle.LockRemaining(Start.AddMinutes(29)).ShouldBeNull();
    }

    [Fact]
    public void Failures_spread_beyond_the_window_never_lock()
    {
        var throttle = LoginThrottle.For("a@b.test", Start);
        for (var i = 0; i < 10; i++)
        {
            throttle.RecordFailure(Start.AddMinutes(i * 4));
        }

        throttle.LockRemaining(Start.AddMinutes(40)).ShouldBeNull();
    }

    [Fact]
    public void After_a_lock_expires_counting_starts_again()
    {
        var throttle = LoginThrottle.For("a@b.test", Start);
        for (var i = 0; i < 5; i++)
        {
            throttle.RecordFailure(Start);
        }

        throttle.RecordFailure(Start.AddMinutes(16));

        throttle.Failures.ShouldBe(1);
        throttle.LockRemaining(Start.AddMinutes(16)).ShouldBeNull();
    }
}
