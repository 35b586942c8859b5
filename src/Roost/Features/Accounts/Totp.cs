using System.Security.Cryptography;
using System.Text;

namespace Roost.Features.Accounts;

/// <summary>Time-based one-time passwords (RFC 6238 over RFC 4226: HMAC-SHA1, 30-second steps, 6 digits), as authenticator apps make them.</summary>
public static class Totp
{
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string NewSecret() => ToBase32(RandomNumberGenerator.GetBytes(20));

    public static long StepAt(DateTimeOffset instant) => instant.ToUnixTimeSeconds() / 30;

    public static string CodeAt(string secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(FromBase32(secret), counter);
        var offset = hash[^1] & 0x0F;
        var number = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (number % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The step whose code this is: the current one or one either side (a phone's clock drifts), else null.</summary>
    public static long? StepOf(string secret, string code, DateTimeOffset now)
    {
        var current = StepAt(now);
        for (var step = current - 1; step <= current + 1; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CodeAt(secret, step)), Encoding.ASCII.GetBytes(code)))
            {
                return step;
            }
        }

        return null;
    }

    private static string ToBase32(byte[] bytes)
    {
        var text = new StringBuilder();
        for (var bit = 0; bit < bytes.Length * 8; bit += 5)
        {
            var index = 0;
            for (var i = 0; i < 5; i++)
            {
                var at = bit + i;
                index = (index << 1) | (at < bytes.Length * 8 ? (bytes[at / 8] >> (7 - (at % 8))) & 1 : 0);
            }

            text.Append(Base32Alphabet[index]);
        }

        return text.ToString();
    }

    private static byte[] FromBase32(string text)
    {
        var bytes = new byte[text.Length * 5 / 8];
        for (var i = 0; i < bytes.Length * 8; i++)
        {
            var value = Base32Alphabet.IndexOf(text[i / 5]);
            if (((value >> (4 - (i % 5))) & 1) == 1)
            {
                bytes[i / 8] |= (byte)(1 << (7 - (i % 8)));
            }
        }

        return bytes;
    }
}
