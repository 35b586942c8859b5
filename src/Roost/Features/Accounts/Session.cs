namespace Roost.Features.Accounts;

/// <summary>
/// One signed-in device. Its refresh tokens form one rotation family: reuse of a spent token ends the session,
/// and ending the session ends its access tokens too (their sid is checked on every request).
/// </summary>
public sealed class Session
{
    private Session()
    {
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string Device { get; private set; } = "";

    public string? IpAddress { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset LastUsedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public string? RevokedReason { get; private set; }

    public List<RefreshToken> RefreshTokens { get; private set; } = [];

    public static Session Start(Guid userId, ClientInfo client, DateTimeOffset now, TimeSpan lifetime) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserId = userId,
        Device = client.Device,
        IpAddress = client.IpAddress,
        CreatedAt = now,
        LastUsedAt = now,
        ExpiresAt = now + lifetime,
    };

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;

    /// <summary>Each use of the session slides its expiry, so an active device stays signed in.</summary>
    public void Touch(ClientInfo client, DateTimeOffset now, TimeSpan lifetime)
    {
        LastUsedAt = now;
        IpAddress = client.IpAddress;
        ExpiresAt = now + lifetime;
    }

    public void Revoke(string reason, DateTimeOffset now)
    {
        if (RevokedAt is null)
        {
            RevokedAt = now;
            RevokedReason = reason;
        }
    }
}

public sealed class RefreshToken
{
    private RefreshToken()
    {
    }

    public Guid Id { get; private set; }

    public Guid SessionId { get; private set; }

    /// <summary>SHA-256 of the token: a leaked table cannot be replayed.</summary>
    public string TokenHash { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public Session Session { get; private set; } = null!;

    public static RefreshToken For(Session session, string tokenHash, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        SessionId = session.Id,
        TokenHash = tokenHash,
        CreatedAt = now,
        ExpiresAt = session.ExpiresAt,
    };
}

/// <summary>What the server knows of the caller's device when a session starts or is used.</summary>
public sealed record ClientInfo(string Device, string? IpAddress)
{
    public static ClientInfo From(HttpContext context)
    {
        var agent = context.Request.Headers.UserAgent.ToString();
        var device = string.IsNullOrWhiteSpace(agent) ? "unknown device" : agent[..Math.Min(agent.Length, 200)];
        return new ClientInfo(device, context.Connection.RemoteIpAddress?.ToString());
    }
}
