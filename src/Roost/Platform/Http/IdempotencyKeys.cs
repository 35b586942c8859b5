using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using Roost.Platform.Auth;
using Roost.Platform.Data;

namespace Roost.Platform.Http;

/// <summary>A key's claim and, once the first request finished, its stored answer.</summary>
public sealed class IdempotencyRecord
{
    public string Scope { get; set; } = "";

    public string Key { get; set; } = "";

    public string RequestHash { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public byte[]? ResponseBody { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> record)
    {
        record.ToTable("idempotency_keys");
        record.HasKey(r => new { r.Scope, r.Key });
        record.Property(r => r.Scope).HasMaxLength(64);
        record.Property(r => r.Key).HasMaxLength(255);
        record.Property(r => r.RequestHash).HasMaxLength(64);
        record.Property(r => r.ContentType).HasMaxLength(100);
        record.HasIndex(r => r.ExpiresAt);
    }
}

/// <summary>
/// The key the current request holds, so a feature can write its answer in the same transaction as its effect: no
/// crash between the two can then leave, say, a booking whose answer was never stored, which a retry would run again.
/// The door that claimed the key (the REST middleware, a GraphQL mutation) holds it here and skips its own write when
/// the feature stored the answer. Without a held key, storing does nothing.
/// </summary>
public sealed class IdempotentAnswer(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider time)
{
    private (string Scope, string Key, int SuccessStatus, string ContentType)? _held;
    private bool _stored;

    public void Hold(string scope, string key, int successStatus, string contentType)
    {
        _held = (scope, key, successStatus, contentType);
        _stored = false;
    }

    public void Release()
    {
        _held = null;
        _stored = false;
    }

    /// <summary>Whether the answer a feature stored is the one with <paramref name="status"/>, so the door has nothing to write.</summary>
    public bool StoredAs(int status) => _stored && _held?.SuccessStatus == status;

    /// <summary>
    /// Adds the success answer to <paramref name="db"/>'s pending changes; the caller's next <c>SaveChanges</c> writes
    /// it with the effect, and its transaction decides both.
    /// </summary>
    public void StoreWith<T>(DbContext db, T value)
    {
        if (_held is not { } held)
        {
            return;
        }

        var record = new IdempotencyRecord { Scope = held.Scope, Key = held.Key };
        db.Attach(record);
        record.CompletedAt = time.GetUtcNow();
        record.StatusCode = held.SuccessStatus;
        record.ContentType = held.ContentType;
        record.ResponseBody = JsonSerializer.SerializeToUtf8Bytes(value, json.Value.SerializerOptions);
        _stored = true;
    }
}

public enum ClaimState
{
    Claimed,
    OtherRequest,
    InFlight,
    Completed,
}

public sealed record IdempotencyClaim(ClaimState State, IdempotencyRecord? Record = null);

/// <summary>
/// The store behind idempotency keys, for both doors: the REST middleware and GraphQL mutations that take a key.
/// A key is claimed for one request (by hash) per caller, answered once, and replayed for 24 hours.
/// </summary>
public sealed class IdempotencyKeys(RoostDb db, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    // A claim this old with no answer belongs to a process that died mid-request; the retry may take it over.
    private static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether an answer is kept for replay. The first request's outcome is, refusals included (as Stripe does):
    /// retrying a refused request with its key gets the same refusal. Not a server error, and not "too many, try
    /// later" (429): replaying either would keep the retry from ever running; the key is released instead.
    /// </summary>
    public static bool Keeps(int status) => status < StatusCodes.Status500InternalServerError && status != StatusCodes.Status429TooManyRequests;

    public static bool IsWellFormed(string? key) => key is { Length: > 0 and <= 255 } && !key.Any(char.IsControl);

    public static string ScopeOf(System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.UserId().ToString("N") : "anonymous";

    public async Task<IdempotencyClaim> ClaimAsync(string scope, string key, string requestHash)
    {
        var now = time.GetUtcNow();
        // The claim's commit does not wait for the disk (synchronous_commit off for this one statement's implicit
        // transaction). Losing it takes a database crash before any later commit flushed the log past it — and the
        // work it guards commits after it, synchronously, flushing it too — so a lost claim only ever guarded work
        // that was lost with it, and the retry rightly runs again. One fsync fewer per idempotent request.
        var claimed = await db.Database.ExecuteSqlAsync(
            $"""
            SELECT set_config('synchronous_commit', 'off', true);
            INSERT INTO idempotency_keys (scope, key, request_hash, started_at, expires_at)
            VALUES ({scope}, {key}, {requestHash}, {now}, {now + Lifetime})
            ON CONFLICT (scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, started_at = EXCLUDED.started_at,
                expires_at = EXCLUDED.expires_at, completed_at = NULL, status_code = NULL, content_type = NULL, response_body = NULL
            WHERE idempotency_keys.expires_at < {now}
               OR (idempotency_keys.completed_at IS NULL AND idempotency_keys.started_at < {now - Abandoned} AND idempotency_keys.request_hash = EXCLUDED.request_hash)
            """) == 1;
        if (claimed)
        {
            return new IdempotencyClaim(ClaimState.Claimed);
        }

        var existing = await db.Set<IdempotencyRecord>().AsNoTracking().SingleAsync(r => r.Scope == scope && r.Key == key);
        return existing.RequestHash != requestHash ? new IdempotencyClaim(ClaimState.OtherRequest)
            : existing.CompletedAt is null ? new IdempotencyClaim(ClaimState.InFlight)
            : new IdempotencyClaim(ClaimState.Completed, existing);
    }

    public Task CompleteAsync(string scope, string key, int statusCode, string? contentType, byte[] body) =>
        db.Database.ExecuteSqlAsync(
            $"""
            UPDATE idempotency_keys SET completed_at = {time.GetUtcNow()}, status_code = {statusCode},
                content_type = {contentType}, response_body = {body}
            WHERE scope = {scope} AND key = {key}
            """);

    public Task ReleaseAsync(string scope, string key) =>
        db.Database.ExecuteSqlAsync($"DELETE FROM idempotency_keys WHERE scope = {scope} AND key = {key} AND completed_at IS NULL");
}

public sealed class IdempotencyHousekeeping(RoostDb db, TimeProvider time)
{
    public Task<int> PurgeAsync() => db.Set<IdempotencyRecord>().Where(r => r.ExpiresAt < time.GetUtcNow()).ExecuteDeleteAsync();
}
