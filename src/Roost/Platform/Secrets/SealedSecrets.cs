using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Roost.Platform.Secrets;

/// <summary>
/// Secrets kept at rest, sealed with AES-GCM and bound to their owner and purpose (the owner's id, and the purpose when
/// one is named, are the associated data: a sealed value copied onto another account, or from one column to another,
/// does not open). A sealed secret names its key ("v2:" and a short key id), so the key can be rotated: older keys keep
/// opening what they sealed until it is sealed again with the current one. Seals from before key ids ("v1:") are tried
/// against every key; a secret stored before sealing began reads as it is.
/// </summary>
public sealed class SealedSecrets(IOptions<SealingOptions> options)
{
    private const string Unnamed = "v1:";
    private const string Named = "v2:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public byte[] CurrentKey => options.Value.KeyBytes();

    /// <summary>What seals with the current key begins with: anything else waits to be sealed again.</summary>
    public string CurrentPrefix => $"{Named}{KeyId(CurrentKey)}:";

    /// <param name="purpose">Names what the secret is for; null for the authenticator secrets, sealed before purposes were.</param>
    public string Seal(Guid userId, string secret, string? purpose = null)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(CurrentKey, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), AssociatedData(userId, purpose));
        return $"{CurrentPrefix}{Convert.ToBase64String(sealedBytes)}";
    }

    /// <summary>Sealed with the current key, so nothing needs doing at sign-in.</summary>
    public bool IsCurrent(string stored) => stored.StartsWith(CurrentPrefix, StringComparison.Ordinal);

    public string Open(Guid userId, string stored, string? purpose = null)
    {
        if (stored.StartsWith(Named, StringComparison.Ordinal) && stored.IndexOf(':', Named.Length) is var colon and > 0)
        {
            var id = stored[Named.Length..colon];
            var key = Keys().FirstOrDefault(k => KeyId(k) == id)
                ?? throw new CryptographicException($"No configured sealing key has the id {id}; was it dropped from Sealing:PreviousKeys too soon?");
            return Decrypt(key, AssociatedData(userId, purpose), Convert.FromBase64String(stored[(colon + 1)..]));
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
                return Decrypt(key, AssociatedData(userId, purpose), sealedBytes);
            }
            catch (AuthenticationTagMismatchException)
            {
                // Not this key: a "v1:" seal does not say which one made it.
            }
        }

        throw new CryptographicException("No configured sealing key opens this secret.");
    }

    /// <summary>Eight hex digits of the key's SHA-256: enough to tell a handful of keys apart, nothing to guess a key by.</summary>
    public static string KeyId(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..8];

    private IEnumerable<byte[]> Keys() => [CurrentKey, .. options.Value.PreviousKeyBytes()];

    private static byte[] AssociatedData(Guid userId, string? purpose) =>
        purpose is null ? userId.ToByteArray() : [.. userId.ToByteArray(), .. Encoding.UTF8.GetBytes(purpose)];

    private static string Decrypt(byte[] key, byte[] associatedData, byte[] sealedBytes)
    {
        var length = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), plain, associatedData);
        return Encoding.UTF8.GetString(plain);
    }
}
