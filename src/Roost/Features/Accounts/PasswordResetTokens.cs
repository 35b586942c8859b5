using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Roost.Platform.Auth;

namespace Roost.Features.Accounts;

/// <summary>
/// Password-reset links that nothing stores: a token is the user id and an expiry, signed together with the
/// user's current password hash. Nobody who reads the database can use one, and a token stops working as soon as
/// the password changes, so each works once. The key is derived from the JWT signing key for this purpose alone.
/// </summary>
public sealed class PasswordResetTokens(IOptions<JwtOptions> jwt)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private const int PayloadLength = 16 + sizeof(long);
    private const int MacLength = 32;

    private readonly byte[] _key = HKDF.DeriveKey(
        HashAlgorithmName.SHA256, jwt.Value.SigningKeyBytes(), 32, salt: [], info: "roost:password-reset:v1"u8.ToArray());

    public string Issue(User user, DateTimeOffset now)
    {
        var payload = new byte[PayloadLength];
        user.Id.TryWriteBytes(payload.AsSpan(0, 16));
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(16), (now + Lifetime).ToUnixTimeSeconds());
        return Base64UrlEncoder.Encode([.. payload, .. Mac(payload, user.PasswordHash)]);
    }

    /// <summary>Whose token this says it is and until when; the signature is checked by <see cref="IsValidFor"/>.</summary>
    public static (Guid UserId, DateTimeOffset ExpiresAt)? Read(string token)
    {
        byte[] bytes;
        try
        {
            bytes = Base64UrlEncoder.DecodeBytes(token);
        }
        catch (FormatException)
        {
            return null;
        }

        if (bytes.Length != PayloadLength + MacLength)
        {
            return null;
        }

        var seconds = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(16, sizeof(long)));
        return seconds is < 0 or > 253402300799
            ? null
            : (new Guid(bytes.AsSpan(0, 16)), DateTimeOffset.FromUnixTimeSeconds(seconds));
    }

    public bool IsValidFor(string token, User user)
    {
        var bytes = Base64UrlEncoder.DecodeBytes(token);
        return CryptographicOperations.FixedTimeEquals(bytes.AsSpan(PayloadLength), Mac(bytes.AsSpan(0, PayloadLength), user.PasswordHash));
    }

    private byte[] Mac(ReadOnlySpan<byte> payload, string passwordHash) =>
        HMACSHA256.HashData(_key, (byte[])[.. payload, .. Encoding.UTF8.GetBytes(passwordHash)]);
}
