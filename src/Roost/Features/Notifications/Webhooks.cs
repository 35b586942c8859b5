using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roost.Features.Accounts;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Http;
using Roost.Platform.Notifications;
using Roost.Platform.Secrets;

namespace Roost.Features.Notifications;

public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Tests and `./roost run` receive on this machine; production never should.</summary>
    public bool AllowLoopback { get; set; }

    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Plain http only where a test or a developer's receiver needs it.</summary>
    public bool AllowHttp { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

public sealed record WebhookRequest([Required, MaxLength(2000)] string Url);

/// <param name="Secret">The key that signs each delivery (<c>Roost-Signature</c>); keep it on the receiving side.</param>
/// <param name="Status">active, retrying (the last delivery failed) or disabled (after ten failures in a row).</param>
public sealed record WebhookResponse(
    string Url, string Secret, string Status, int Failures, string? LastError, DateTimeOffset? LastDeliveredAt, DateTimeOffset NextAttemptAt, DateTimeOffset CreatedAt)
{
    public static WebhookResponse From(WebhookEndpoint e, SealedSecrets secrets) => new(
        e.Url, e.Secret(secrets), e.DisabledAt is not null ? "disabled" : e.Failures > 0 ? "retrying" : "active", e.Failures, e.LastError, e.LastDeliveredAt, e.NextAttemptAt, e.CreatedAt);
}

/// <summary>A user's webhook: one URL that receives, signed, every notification they get in the app.</summary>
public sealed class Webhooks(RoostDb db, IOptions<WebhookOptions> options, SealedSecrets secrets, TimeProvider time, ILogger<Webhooks> logger)
{
    public async Task<Outcome<WebhookResponse>> SetAsync(Guid userId, WebhookRequest request, CancellationToken cancellationToken)
    {
        if (await UrlProblemAsync(request.Url, cancellationToken) is { } problem)
        {
            return Failure.Unprocessable("This URL cannot receive webhooks.", new Dictionary<string, string[]> { ["url"] = [problem] });
        }

        var now = time.GetUtcNow();
        var endpoint = await db.Set<WebhookEndpoint>().SingleOrDefaultAsync(e => e.UserId == userId, cancellationToken);
        if (endpoint is null)
        {
            endpoint = WebhookEndpoint.Register(userId, request.Url, secrets, now);
            db.Add(endpoint);
        }
        else
        {
            endpoint.MoveTo(request.Url, secrets, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return WebhookResponse.From(endpoint, secrets);
    }

    public async Task<Outcome<WebhookResponse>> GetAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Set<WebhookEndpoint>().AsNoTracking().SingleOrDefaultAsync(e => e.UserId == userId, cancellationToken) is { } endpoint
            ? WebhookResponse.From(endpoint, secrets)
            : Failure.NotFound("Your webhook");

    /// <summary>Switched back on, it resumes after the last notification it delivered.</summary>
    public async Task<Outcome<WebhookResponse>> EnableAsync(Guid userId, CancellationToken cancellationToken)
    {
        var endpoint = await db.Set<WebhookEndpoint>().SingleOrDefaultAsync(e => e.UserId == userId, cancellationToken);
        if (endpoint is null)
        {
            return Failure.NotFound("Your webhook");
        }

        endpoint.Enable(time.GetUtcNow());
        endpoint.Reseal(secrets);
        await db.SaveChangesAsync(cancellationToken);
        return WebhookResponse.From(endpoint, secrets);
    }

    /// <summary>A notice of its own, for trying a receiver: it travels as every other notice does, with the next delivery.</summary>
    public async Task<Outcome<WebhookResponse>> PingAsync(Guid userId, CancellationToken cancellationToken)
    {
        var endpoint = await db.Set<WebhookEndpoint>().AsNoTracking().SingleOrDefaultAsync(e => e.UserId == userId, cancellationToken);
        if (endpoint is null)
        {
            return Failure.NotFound("Your webhook");
        }

        Notify.Add(db, userId, "webhook_ping", "Webhook test", $"A test of the webhook to {endpoint.Url}.", new { }, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return WebhookResponse.From(endpoint, secrets);
    }

    public async Task<Failure?> RemoveAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Set<WebhookEndpoint>().Where(e => e.UserId == userId).ExecuteDeleteAsync(cancellationToken) == 0 ? Failure.NotFound("Your webhook") : null;

    /// <summary>
    /// After a key rotation, seals the webhook keys still under an older sealing key (or none) with the current one, a
    /// batch at a time, so a webhook that is switched off does not keep an old key in service. Delivery reseals the keys
    /// it uses as it goes; this reaches the rest.
    /// </summary>
    /// <returns>How many were sealed again.</returns>
    public async Task<int> ResealAsync()
    {
        var prefix = secrets.CurrentPrefix;
        var stale = await db.Set<WebhookEndpoint>().AsNoTracking().Where(e => !e.SealedSecret.StartsWith(prefix))
            .OrderBy(e => e.UserId).Take(ResealBatch).Select(e => new { e.UserId, e.SealedSecret }).ToListAsync();
        foreach (var endpoint in stale)
        {
            var resealed = secrets.Seal(endpoint.UserId, secrets.Open(endpoint.UserId, endpoint.SealedSecret, WebhookEndpoint.SealPurpose), WebhookEndpoint.SealPurpose);
            // Only if it is still the key read: a webhook moved to another URL meanwhile has a new key, sealed already.
            await db.Set<WebhookEndpoint>().Where(e => e.UserId == endpoint.UserId && e.SealedSecret == endpoint.SealedSecret)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.SealedSecret, resealed));
        }

        if (stale.Count > 0)
        {
            logger.LogInformation("Sealed {Count} webhook keys again with the current key{More}", stale.Count, stale.Count == ResealBatch ? "; more remain for the next run" : "");
        }

        return stale.Count;
    }

    public const int ResealBatch = 500;

    /// <summary>A closed account is told nothing more, anywhere.</summary>
    public sealed class Erasure(RoostDb db) : IAccountErasure
    {
        public Task EraseAsync(Guid userId, string formerNormalizedEmail, CancellationToken cancellationToken) =>
            db.Set<WebhookEndpoint>().Where(e => e.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Refused early with a reason a user can act on; the delivery's own connection checks the addresses again, so a
    /// name that later resolves somewhere private is still refused.
    /// </summary>
    private async Task<string?> UrlProblemAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && options.Value.AllowHttp)))
        {
            return options.Value.AllowHttp ? "An absolute http(s) URL." : "An absolute https URL.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "No user name or password in the URL; the signature authenticates Roost.";
        }

        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(uri.DnsSafeHost, cancellationToken);
        }
        catch (System.Net.Sockets.SocketException)
        {
            return $"The host {uri.Host} could not be resolved.";
        }

        return addresses.Any(a => NetworkPolicy.IsAllowed(a, options.Value.AllowLoopback, options.Value.AllowPrivateNetworks))
            ? null
            : $"The host {uri.Host} is not on a public address.";
    }
}
