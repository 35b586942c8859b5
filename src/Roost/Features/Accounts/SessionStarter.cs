using Roost.Platform.Data;

namespace Roost.Features.Accounts;

/// <summary>Opens a session with its first refresh token; the caller's SaveChanges commits both with whatever else changed.</summary>
public sealed class SessionStarter(RoostDb db, TokenIssuer tokens, TimeProvider time)
{
    public TokenResponse Start(User user, ClientInfo client)
    {
        var now = time.GetUtcNow();
        var session = Session.Start(user.Id, client, now, tokens.RefreshTokenLifetime);
        var (refreshToken, hash) = TokenIssuer.NewRefreshToken();
        db.Sessions.Add(session);
        db.RefreshTokens.Add(RefreshToken.For(session, hash, now));
        return new TokenResponse(
            UserResponse.From(user),
            tokens.CreateAccessToken(user, session.Id),
            refreshToken,
            (int)tokens.AccessTokenLifetime.TotalSeconds);
    }
}
