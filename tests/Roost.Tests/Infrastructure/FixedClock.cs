namespace Roost.Tests.Infrastructure;

/// <summary>For running a job or a rule as if at a chosen moment: jobs read the time from their TimeProvider.</summary>
public sealed class FixedClock(DateTimeOffset at) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => at;
}
