using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roost.Platform.Data;
using Roost.Platform.Notifications;
using Roost.Platform.Secrets;

namespace Roost.Features.Notifications;

public sealed record WebhookEvent(Guid Id, string Type, string Title, string Body, JsonElement Data, DateTimeOffset CreatedAt);

public sealed record WebhookPayload(Guid DeliveryId, DateTimeOffset SentAt, IReadOnlyList<WebhookEvent> Events);

/// <summary>
/// The webhook job (every minute): each due endpoint under its row lock (SKIP LOCKED, so two workers share the work
/// and never send one batch twice) gets the user's next notifications, oldest first, as one signed POST. A 2xx
/// answer moves the endpoint past them; anything else is retried later from the same place.
/// </summary>
public sealed class WebhookDelivery(RoostDb db, HttpClient http, IOptions<WebhookOptions> options, SealedSecrets secrets, TimeProvider time, ILogger<WebhookDelivery> logger)
{
    public const string SignatureHeader = "Roost-Signature";
    public const int BatchSize = 50;
    private const int EndpointsPerRun = 100;

    /// <summary>A notice committed a moment after a later one was written still has its turn: deliveries trail by this much.</summary>
    public static readonly TimeSpan CommitLag = TimeSpan.FromSeconds(10);

    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    public async Task DeliverDueAsync()
    {
        for (var i = 0; i < EndpointsPerRun; i++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var now = time.GetUtcNow();
            var endpoint = await db.Set<WebhookEndpoint>()
                .FromSql($"SELECT * FROM webhook_endpoints WHERE disabled_at IS NULL AND next_attempt_at <= {now} ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED")
                .SingleOrDefaultAsync();
            if (endpoint is null)
            {
                return;
            }

            await DeliverAsync(endpoint, now);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
    }

    private async Task DeliverAsync(WebhookEndpoint endpoint, DateTimeOffset now)
    {
        var (from, fromId, until) = (endpoint.DeliveredUpTo, endpoint.DeliveredUpToId, now - CommitLag);
        var batch = await db.Set<Notification>().AsNoTracking()
            .Where(n => n.UserId == endpoint.UserId && !n.EmailOnly && n.CreatedAt <= until)
            .Where(n => EF.Functions.GreaterThan(ValueTuple.Create(n.CreatedAt, n.Id), ValueTuple.Create(from, fromId)))
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
            .Take(BatchSize)
            .ToListAsync();
        if (batch.Count == 0)
        {
            endpoint.UpToDate(now);
            return;
        }

        var payload = new WebhookPayload(Guid.CreateVersion7(now), now, [.. batch.Select(n => new WebhookEvent(n.Id, n.Type, n.Title, n.Body, JsonSerializer.Deserialize<JsonElement>(n.Data), n.CreatedAt))]);
        var body = JsonSerializer.Serialize(payload, PayloadJson);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        endpoint.Reseal(secrets);
        request.Headers.Add(SignatureHeader, Signature(endpoint.Secret(secrets), now, body));
        request.Headers.Add("Roost-Delivery", payload.DeliveryId.ToString());
        string? failure;
        try
        {
            using var timeout = new CancellationTokenSource(options.Value.Timeout);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            failure = response.IsSuccessStatusCode ? null : $"The endpoint answered HTTP {(int)response.StatusCode}.";
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            failure = ex is OperationCanceledException
                ? $"The endpoint did not answer within {options.Value.Timeout.TotalSeconds:0} seconds."
                : $"The endpoint could not be reached: {(ex.InnerException ?? ex).Message}";
        }

        if (failure is null)
        {
            endpoint.Delivered(batch[^1].CreatedAt, batch[^1].Id, more: batch.Count == BatchSize, now);
            return;
        }

        logger.LogWarning("Webhook delivery to user {UserId} failed: {Failure}", endpoint.UserId, failure);
        if (endpoint.Failed(failure, now))
        {
            Notify.Add(db, endpoint.UserId, "webhook_disabled", "Your webhook was switched off",
                $"{WebhookEndpoint.MaxFailures} deliveries in a row failed ({failure}). Fix the receiver and switch it on again; it resumes where it stopped.", new { }, now);
        }
    }

    /// <summary><c>t=unix seconds,v1=hex HMAC-SHA256 of "t.body"</c> with the secret: the receiver recomputes it and checks the time.</summary>
    public static string Signature(string secret, DateTimeOffset at, string body)
    {
        var stamp = at.ToUnixTimeSeconds();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{stamp}.{body}"));
        return $"t={stamp},v1={Convert.ToHexStringLower(mac)}";
    }
}
