using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roost.Platform.Auth;
using Roost.Platform.Caching;
using Roost.Platform.Data;
using StackExchange.Redis;

namespace Roost.Features.Accounts;

/// <summary>
/// Ending a session: PostgreSQL is the record, Redis carries a revocation marker that every request checks while
/// the session's access tokens can still be alive. When Redis is away the marker is published by a job (retried
/// until Redis is back), and meanwhile requests check PostgreSQL instead, so no revoked token slips through.
/// </summary>
public sealed class SessionRevocation(
    RoostDb db,
    RedisKeyspace redis,
    IBackgroundJobClient jobs,
    IOptions<JwtOptions> jwt,
    TimeProvider time,
    ILogger<SessionRevocation> logger) : ISessionCheck
{
    internal static RedisKey MarkerKey(Guid sessionId) => $"session-revoked:{sessionId:N}";

    public async Task RevokeAsync(Session session, string reason, CancellationToken cancellationToken)
    {
        session.Revoke(reason, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await PublishOrQueueAsync(session.Id);
    }

    private async Task PublishOrQueueAsync(Guid sessionId)
    {
        try
        {
            await PublishAsync(sessionId);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Redis unreachable while revoking session {SessionId}; a job will publish the marker", sessionId);
            jobs.Enqueue<SessionRevocation>("critical", r => r.PublishAsync(sessionId));
        }
    }

    /// <summary>
    /// Ends every active session of the user but one (or all), saving whatever else the caller changed in the same
    /// commit: a new password and the sign-out of the devices that knew the old one land together.
    /// </summary>
    public async Task RevokeAllAsync(Guid userId, Guid? keep, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sessions = await db.Sessions.Where(s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now && s.Id != keep).ToListAsync(cancellationToken);
        foreach (var session in sessions)
        {
            session.Revoke(reason, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var session in sessions)
        {
            await PublishOrQueueAsync(session.Id);
        }
    }

    /// <summary>Idempotent: setting the marker again only renews its expiry.</summary>
    [AutomaticRetry(Attempts = 50)]
    public async Task PublishAsync(Guid sessionId)
    {
        var ttl = jwt.Value.AccessTokenLifetime + TimeSpan.FromMinutes(1);
        await redis.Database.StringSetAsync(MarkerKey(sessionId), "1", ttl);
    }

    public async ValueTask<bool> IsActiveAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        try
        {
            return !await redis.Database.KeyExistsAsync(MarkerKey(sessionId));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            var now = time.GetUtcNow();
            return await db.Sessions.AnyAsync(s => s.Id == sessionId && s.RevokedAt == null && s.ExpiresAt > now, cancellationToken);
        }
    }
}
