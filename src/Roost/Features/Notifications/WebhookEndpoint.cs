using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Accounts;
using Roost.Platform.Secrets;

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

    /// <summary>What <see cref="SealedSecrets"/> binds a webhook key to, beside its user.</summary>
    public const string SealPurpose = "webhook";

    /// <summary>
    /// The HMAC key ("whsec_" and 32 random bytes in hex) sealed under the sealing key, so a copy of the database alone
    /// cannot sign calls to the user's receiver; <see cref="Secret"/> opens it.
    /// </summary>
    public string SealedSecret { get; private set; } = "";

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
    public static WebhookEndpoint Register(Guid userId, string url, SealedSecrets secrets, DateTimeOffset now) => new()
    {
        UserId = userId,
        Url = url,
        SealedSecret = secrets.Seal(userId, NewSecret(), SealPurpose),
        CreatedAt = now,
        DeliveredUpTo = now,
        NextAttemptAt = now,
    };

    public string Secret(SealedSecrets secrets) => secrets.Open(UserId, SealedSecret, SealPurpose);

    /// <summary>Sealed again under the current key, after a rotation; the key itself does not change.</summary>
    public void Reseal(SealedSecrets secrets)
    {
        if (!secrets.IsCurrent(SealedSecret))
        {
            SealedSecret = secrets.Seal(UserId, Secret(secrets), SealPurpose);
        }
    }

    /// <summary>Another URL, a fresh secret, a clean record: the old receiver's key must not sign for the new one.</summary>
    public void MoveTo(string url, SealedSecrets secrets, DateTimeOffset now)
    {
        Url = url;
        SealedSecret = secrets.Seal(UserId, NewSecret(), SealPurpose);
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
        endpoint.Property(e => e.SealedSecret).HasColumnName("secret").HasMaxLength(200);
        endpoint.Property(e => e.LastError).HasMaxLength(500);
        endpoint.HasOne<User>().WithOne().HasForeignKey<WebhookEndpoint>(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        endpoint.HasIndex(e => e.NextAttemptAt).HasFilter("disabled_at IS NULL");
    }
}
