using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Roost.Features.Accounts;

/// <summary>
/// Failed logins per e-mail address, whether or not an account has it: an unknown address locks exactly like a
/// known one, so the lock itself does not reveal which addresses are registered.
/// </summary>
public sealed class LoginThrottle
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(15);
    public const int MaxFailures = 5;

    private LoginThrottle()
    {
    }

    public string NormalizedEmail { get; private set; } = "";

    public int Failures { get; private set; }

    public DateTimeOffset WindowStartedAt { get; private set; }

    public DateTimeOffset? LockedUntil { get; private set; }

    public static LoginThrottle For(string normalizedEmail, DateTimeOffset now) =>
        new() { NormalizedEmail = normalizedEmail, WindowStartedAt = now };

    public TimeSpan? LockRemaining(DateTimeOffset now) =>
        LockedUntil is { } until && until > now ? until - now : null;

    public void RecordFailure(DateTimeOffset now)
    {
        if (now - WindowStartedAt >= Window || (LockedUntil is { } until && until <= now))
        {
            WindowStartedAt = now;
            Failures = 0;
            LockedUntil = null;
        }

        Failures++;
        if (Failures >= MaxFailures)
        {
            LockedUntil = now + LockDuration;
        }
    }
}

internal sealed class LoginThrottleConfiguration : IEntityTypeConfiguration<LoginThrottle>
{
    public void Configure(EntityTypeBuilder<LoginThrottle> throttle)
    {
        throttle.ToTable("login_throttles");
        throttle.HasKey(t => t.NormalizedEmail);
        throttle.Property(t => t.NormalizedEmail).HasMaxLength(254);
    }
}
