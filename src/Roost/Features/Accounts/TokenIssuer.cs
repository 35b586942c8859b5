using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Roost.Platform.Auth;

namespace Roost.Features.Accounts;

public sealed class TokenIssuer(IOptions<JwtOptions> options, TimeProvider time)
{
    private readonly JwtOptions _jwt = options.Value;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningCredentials _credentials = new(
        new SymmetricSecurityKey(options.Value.SigningKeyBytes()), SecurityAlgorithms.HmacSha256);

    public TimeSpan AccessTokenLifetime => _jwt.AccessTokenLifetime;

    public TimeSpan RefreshTokenLifetime => _jwt.RefreshTokenLifetime;

    public string CreateAccessToken(User user, Guid sessionId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _jwt.Issuer,
            Audience = _jwt.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + _jwt.AccessTokenLifetime,
            SigningCredentials = _credentials,
            Claims = new Dictionary<string, object>
            {
                [RoostClaims.UserId] = user.Id.ToString(),
                [RoostClaims.SessionId] = sessionId.ToString(),
                [RoostClaims.Role] = user.Roles.ToArray(),
                ["jti"] = Guid.NewGuid().ToString("N"),
            },
        });
    }

    /// <summary>An opaque 256-bit token; only its hash is stored.</summary>
    public static (string Token, string Hash) NewRefreshToken()
    {
        var token = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (token, HashRefreshToken(token));
    }

    public static string HashRefreshToken(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
