namespace Roost.Platform.Secrets;

public sealed class SealingOptions
{
    public const string Section = "Sealing";

    /// <summary>The section these keys had while only two-step sign-in used them; read when <see cref="Section"/> is absent.</summary>
    public const string FormerSection = "TwoFactor";

    /// <summary>
    /// Base64 of 32 random bytes that seals secrets kept at rest (authenticator secrets, webhook signing keys). It lives
    /// outside the database (`./roost run` keeps one under .roost/, production passes it in), so a copy of the database
    /// alone cannot make two-step codes or sign webhook calls.
    /// </summary>
    public string EncryptionKey { get; set; } = "";

    /// <summary>
    /// Keys that sealed secrets before the current one: they still open them, and each secret is sealed again with the
    /// current key when next used or by the daily jobs. A key may leave this list once those jobs report nothing left
    /// under it.
    /// </summary>
    public List<string> PreviousKeys { get; set; } = [];

    public byte[] KeyBytes() => Decode(EncryptionKey, $"{Section}:EncryptionKey");

    public IReadOnlyList<byte[]> PreviousKeyBytes() => [.. PreviousKeys.Select((key, i) => Decode(key, $"{Section}:PreviousKeys:{i}"))];

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

public static class SealingSetup
{
    public static IHostApplicationBuilder AddSealing(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SealingOptions.Section);
        builder.Services.AddOptions<SealingOptions>()
            .Bind(section.Exists() ? section : builder.Configuration.GetSection(SealingOptions.FormerSection))
            .Validate(o => { o.KeyBytes(); o.PreviousKeyBytes(); return true; })
            .ValidateOnStart();
        builder.Services.AddSingleton<SealedSecrets>();
        return builder;
    }
}
