using System.ComponentModel.DataAnnotations;

namespace Roost.Platform.Auth;

public sealed class JwtOptions
{
    public const string Section = "Jwt";

    public string Issuer { get; set; } = "roost";

    public string Audience { get; set; } = "roost-api";

    /// <summary>Base64 of at least 32 random bytes. `./roost run` generates one under .roost/; none is committed.</summary>
    [Required]
    public string SigningKey { get; set; } = "";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    public byte[] SigningKeyBytes()
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(SigningKey);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("Jwt:SigningKey must be base64.");
        }

        return key.Length >= 32
            ? key
            : throw new InvalidOperationException("Jwt:SigningKey must hold at least 32 bytes (256 bits).");
    }
}
