using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;
using Roost.Platform.Errors;

namespace Roost.Features.Accounts;

public sealed class UserSessions(RoostDb db, SessionRevocation revocation, TimeProvider time)
{
    public async Task<IReadOnlyList<SessionResponse>> ListActiveAsync(Guid userId, Guid currentSessionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now)
            .OrderByDescending(s => s.LastUsedAt)
            .Select(s => new SessionResponse(s.Id, s.Device, s.IpAddress, s.CreatedAt, s.LastUsedAt, s.ExpiresAt, s.Id == currentSessionId))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Another user's session id answers exactly like an unknown one.</summary>
    public async Task<Failure?> EndAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null, cancellationToken);
        if (session is null)
        {
            return Failure.NotFound("The session");
        }

        await revocation.RevokeAsync(session, "ended_by_user", cancellationToken);
        return null;
    }
}
