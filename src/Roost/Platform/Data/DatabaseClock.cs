namespace Roost.Platform.Data;

/// <summary>
/// The system clock cut to microseconds, PostgreSQL's timestamptz precision, so an instant the API answers on a
/// write is exactly the one it answers on every later read.
/// </summary>
public sealed class DatabaseClock : TimeProvider
{
    public override DateTimeOffset GetUtcNow()
    {
        var now = System.GetUtcNow();
        return now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
    }
}
