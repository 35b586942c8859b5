using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Roost.Features.Accounts;

public sealed class TwoFactorOptions
{
    public const string Section = "TwoFactor";

    /// <summary>
    /// Base64 of 32 random bytes that seals the authenticator secrets at rest. It lives outside the database (`./roost
    /// run` keeps one under .roost/, production passes it in), so a copy of the database alone cannot make codes.
    /// </summary>
    public string EncryptionKey { get; set; } = "";

    public byte[] KeyBytes()
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(EncryptionKey);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("TwoFactor:EncryptionKey must be base64.");
        }

        return key.Length == 32 ? key : throw new InvalidOperationException("TwoFactor:EncryptionKey must be 32 bytes (base64 of 32 random bytes).");
    }
}

/// <summary>
/// Authenticator secrets sealed with AES-GCM, bound to their user (the user id is the associated data, so a sealed
/// secret copied onto another account does not open). A secret stored before sealing began reads as it is, and is
/// sealed at its user's next two-step sign-in.
/// </summary>
public sealed class TwoFactorSecrets(IOptions<TwoFactorOptions> options)
{
    private const string Version = "v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public string Seal(Guid userId, string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(options.Value.KeyBytes(), TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), userId.ToByteArray());
        return Version + Convert.ToBase64String(sealedBytes);
    }

    public static bool IsSealed(string stored) => stored.StartsWith(Version, StringComparison.Ordinal);

    public string Open(Guid userId, string stored)
    {
        if (!IsSealed(stored))
        {
            return stored;
        }

        var sealedBytes = Convert.FromBase64String(stored[Version.Length..]);
        var length = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(options.Value.KeyBytes(), TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), plain, userId.ToByteArray());
        return Encoding.UTF8.GetString(plain);
    }
}
