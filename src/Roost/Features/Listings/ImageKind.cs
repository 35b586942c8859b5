namespace Roost.Features.Listings;

/// <summary>Image formats we accept, recognised by their leading bytes: a name or a Content-Type header proves nothing.</summary>
public sealed record ImageKind(string ContentType, string Extension)
{
    public static readonly ImageKind Jpeg = new("image/jpeg", ".jpg");
    public static readonly ImageKind Png = new("image/png", ".png");
    public static readonly ImageKind WebP = new("image/webp", ".webp");

    public const int SniffLength = 12;

    public static ImageKind? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return Jpeg;
        }

        if (head.Length >= 8 && head[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP;
        }

        return null;
    }
}
