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

    /// <summary>
    /// Keys that sealed secrets before the current one: they still open them, and each secret is sealed again with
    /// the current key at its user's next two-step sign-in or by the daily job. A key may leave this list once the job
    /// reports nothing left under it.
    /// </summary>
    public List<string> PreviousKeys { get; set; } = [];

    public byte[] KeyBytes() => Decode(EncryptionKey, "TwoFactor:EncryptionKey");

    public IReadOnlyList<byte[]> PreviousKeyBytes() => [.. PreviousKeys.Select((key, i) => Decode(key, $"TwoFactor:PreviousKeys:{i}"))];

    private static byte[] Decode(string value, string name)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{name} must be base64.");
        }

        return key.Length == 32 ? key : throw new InvalidOperationException($"{name} must be 32 bytes (base64 of 32 random bytes).");
    }
}

/// <summary>
/// Authenticator secrets sealed with AES-GCM, bound to their user (the user id is the associated data, so a sealed
/// secret copied onto another account does not open). A sealed secret names its key ("v2:" and a short key id), so the
/// key can be rotated: older keys keep opening what they sealed until it is sealed again with the current one. Seals
/// from before key ids ("v1:") are tried against every key; a secret stored before sealing began reads as it is.
/// </summary>
public sealed class TwoFactorSecrets(IOptions<TwoFactorOptions> options)
{
    private const string Unnamed = "v1:";
    private const string Named = "v2:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public byte[] CurrentKey => options.Value.KeyBytes();

    public string Seal(Guid userId, string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(CurrentKey, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), userId.ToByteArray());
        return $"{Named}{KeyId(CurrentKey)}:{Convert.ToBase64String(sealedBytes)}";
    }

    /// <summary>Sealed with the current key, so nothing needs doing at sign-in.</summary>
    public bool IsCurrent(string stored) => stored.StartsWith($"{Named}{KeyId(CurrentKey)}:", StringComparison.Ordinal);

    public string Open(Guid userId, string stored)
    {
        if (stored.StartsWith(Named, StringComparison.Ordinal) && stored.IndexOf(':', Named.Length) is var colon and > 0)
        {
            var id = stored[Named.Length..colon];
            var key = Keys().FirstOrDefault(k => KeyId(k) == id)
                ?? throw new CryptographicException($"No configured two-step key has the id {id}; was it dropped from TwoFactor:PreviousKeys too soon?");
            return Decrypt(key, userId, Convert.FromBase64String(stored[(colon + 1)..]));
        }

        if (!stored.StartsWith(Unnamed, StringComparison.Ordinal))
        {
            return stored;
        }

        var sealedBytes = Convert.FromBase64String(stored[Unnamed.Length..]);
        foreach (var key in Keys())
        {
            try
            {
                return Decrypt(key, userId, sealedBytes);
            }
            catch (AuthenticationTagMismatchException)
            {
                // Not this key: a "v1:" seal does not say which one made it.
            }
        }

        throw new CryptographicException("No configured two-step key opens this secret.");
    }

    /// <summary>Eight hex digits of the key's SHA-256: enough to tell a handful of keys apart, nothing to guess a key by.</summary>
    public static string KeyId(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..8];

    private IEnumerable<byte[]> Keys() => [CurrentKey, .. options.Value.PreviousKeyBytes()];

    private static string Decrypt(byte[] key, Guid userId, byte[] sealedBytes)
    {
        var length = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), plain, userId.ToByteArray());
        return Encoding.UTF8.GetString(plain);
    }
}
