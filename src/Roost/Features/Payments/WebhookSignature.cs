using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Roost.Features.Payments;

/// <summary>
/// Stripe's webhook signature scheme: header <c>t=timestamp,v1=hex(HMAC-SHA256(secret, timestamp + "." + body))</c>,
/// checked on the raw body, within a tolerance of the timestamp, comparing in constant time. Several v1 values may be
/// present while a secret is being rolled; any one matching is enough.
/// </summary>
public sealed class WebhookSignature(string secret, TimeSpan tolerance)
{
    public const string Header = "Stripe-Signature";

    public string Sign(string body, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={timestamp},v1={Hex(timestamp, body)}";
    }

    public string? Problem(string body, string? header, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return $"The {Header} header is missing.";
        }

        string? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                continue;
            }

            switch (pair[0].Trim())
            {
                case "t":
                    timestamp = pair[1].Trim();
                    break;
                case "v1":
                    signatures.Add(pair[1].Trim());
                    break;
            }
        }

        if (timestamp is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || signatures.Count == 0)
        {
            return $"The {Header} header needs a timestamp and a v1 signature.";
        }

        var expected = Encoding.ASCII.GetBytes(Hex(timestamp, body));
        if (!signatures.Any(s => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(s))))
        {
            return "The signature does not match the body.";
        }

        // Checked after the signature, so a forged timestamp cannot pass: an old but genuine event is a replay.
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return (now - signedAt).Duration() > tolerance ? "The signature's timestamp is outside the tolerance; the event may be a replay." : null;
    }

    private string Hex(string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));
}
