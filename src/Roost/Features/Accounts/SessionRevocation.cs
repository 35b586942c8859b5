using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roost.Platform.Auth;
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
    IConnectionMultiplexer redis,
    IBackgroundJobClient jobs,
    IOptions<JwtOptions> jwt,
    TimeProvider time,
    ILogger<SessionRevocation> logger) : ISessionCheck
{
    internal static RedisKey MarkerKey(Guid sessionId) => $"roost:session-revoked:{sessionId:N}";

    public async Task RevokeAsync(Session session, string reason, CancellationToken cancellationToken)
    {
        session.Revoke(reason, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            await PublishAsync(session.Id);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Redis unreachable while revoking session {SessionId}; a job will publish the marker", session.Id);
            jobs.Enqueue<SessionRevocation>("critical", r => r.PublishAsync(session.Id));
        }
    }

    /// <summary>Idempotent: setting the marker again only renews its expiry.</summary>
    [AutomaticRetry(Attempts = 50)]
    public async Task PublishAsync(Guid sessionId)
    {
        var ttl = jwt.Value.AccessTokenLifetime + TimeSpan.FromMinutes(1);
        await redis.GetDatabase().StringSetAsync(MarkerKey(sessionId), "1", ttl);
    }

    public async ValueTask<bool> IsActiveAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        try
        {
            return !await redis.GetDatabase().KeyExistsAsync(MarkerKey(sessionId));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            var now = time.GetUtcNow();
            return await db.Sessions.AnyAsync(s => s.Id == sessionId && s.RevokedAt == null && s.ExpiresAt > now, cancellationToken);
        }
    }
}
