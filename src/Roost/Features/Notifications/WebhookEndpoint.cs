using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Accounts;

namespace Roost.Features.Notifications;

/// <summary>
/// Where a user (a host's property-management system, usually) wants their notifications pushed, signed with a
/// secret only Roost and they know. Delivery resumes from <see cref="DeliveredUpTo"/>, so nothing is skipped or sent
/// twice on success, and a failing endpoint is retried with growing pauses, then switched off.
/// </summary>
public sealed class WebhookEndpoint
{
    public const int MaxFailures = 10;

    /// <summary>How soon an endpoint that is up to date is looked at again; the job runs every minute.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);

    private WebhookEndpoint()
    {
    }

    public Guid UserId { get; private set; }

    public string Url { get; private set; } = "";

    /// <summary>The HMAC key, as the user was shown it ("whsec_" and 32 random bytes in hex).</summary>
    public string Secret { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The last notification delivered (its time and id): the next delivery starts after it.</summary>
    public DateTimeOffset DeliveredUpTo { get; private set; }

    public Guid DeliveredUpToId { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public int Failures { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? LastDeliveredAt { get; private set; }

    public DateTimeOffset? DisabledAt { get; private set; }

    /// <summary>A new endpoint hears of what happens from now on, not of everything before it.</summary>
    public static WebhookEndpoint Register(Guid userId, string url, DateTimeOffset now) => new()
    {
        UserId = userId,
        Url = url,
        Secret = NewSecret(),
        CreatedAt = now,
        DeliveredUpTo = now,
        NextAttemptAt = now,
    };

    /// <summary>Another URL, a fresh secret, a clean record: the old receiver's key must not sign for the new one.</summary>
    public void MoveTo(string url, DateTimeOffset now)
    {
        Url = url;
        Secret = NewSecret();
        Enable(now);
    }

    public void Enable(DateTimeOffset now)
    {
        DisabledAt = null;
        Failures = 0;
        LastError = null;
        NextAttemptAt = now;
    }

    /// <param name="more">A full batch went: there may be more waiting, so it is due again at once.</param>
    public void Delivered(DateTimeOffset upTo, Guid upToId, bool more, DateTimeOffset now)
    {
        DeliveredUpTo = upTo;
        DeliveredUpToId = upToId;
        LastDeliveredAt = now;
        Failures = 0;
        LastError = null;
        NextAttemptAt = more ? now : now + Poll;
    }

    public void UpToDate(DateTimeOffset now) => NextAttemptAt = now + Poll;

    /// <summary>One more failure: wait 1, 2, 4 … 60 minutes; after <see cref="MaxFailures"/> in a row, stop. True when it stopped now.</summary>
    public bool Failed(string error, DateTimeOffset now)
    {
        Failures++;
        LastError = error.Length > 500 ? error[..500] : error;
        NextAttemptAt = now + TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Failures - 1)));
        if (Failures < MaxFailures)
        {
            return false;
        }

        DisabledAt = now;
        return true;
    }

    private static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> endpoint)
    {
        endpoint.ToTable("webhook_endpoints");
        // One endpoint a user: everything they are told goes there.
        endpoint.HasKey(e => e.UserId);
        endpoint.Property(e => e.Url).HasMaxLength(2000);
        endpoint.Property(e => e.Secret).HasMaxLength(100);
        endpoint.Property(e => e.LastError).HasMaxLength(500);
        endpoint.HasOne<User>().WithOne().HasForeignKey<WebhookEndpoint>(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        endpoint.HasIndex(e => e.NextAttemptAt).HasFilter("disabled_at IS NULL");
    }
}
