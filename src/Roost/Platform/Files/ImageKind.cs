namespace Roost.Platform.Files;

/// <summary>Image formats we accept, recognised by their leading bytes: a name or a Content-Type header proves nothing.</summary>
public sealed record ImageKind(string ContentType, string Extension)
{
    public static readonly ImageKind Jpeg = new("image/jpeg", ".jpg");
    public static readonly ImageKind Png = new("image/png", ".png");
    public static readonly ImageKind WebP = new("image/webp", ".webp");

    public const int SniffLength = 24;

    /// <summary>How much of a file's end <see cref="IsWhole"/> looks at.</summary>
    public const int TailLength = 1024;

    /// <summary>Beyond this many pixels a side, a PNG is a decompression bomb rather than a photo of a home.</summary>
    public const int MaxSide = 16_384;

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

    /// <summary>
    /// Whether the file ends where its format says a whole file ends, so an upload cut short is refused instead of
    /// stored as a broken photo: a PNG's IEND chunk (and a sane size in its IHDR), a JPEG's end-of-image marker
    /// (trailing bytes after it are common and harmless), a WebP's RIFF length.
    /// </summary>
    public bool IsWhole(ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail, long length)
    {
        if (this == Png)
        {
            ReadOnlySpan<byte> end = [0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82];
            if (head.Length < 24 || !head[12..16].SequenceEqual("IHDR"u8) || !tail.EndsWith(end))
            {
                return false;
            }

            var width = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(head[16..20]);
            var height = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(head[20..24]);
            return width is > 0 and <= MaxSide && height is > 0 and <= MaxSide;
        }

        if (this == Jpeg)
        {
            return tail.IndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) >= 0;
        }

        return head.Length >= 12 && System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(head[4..8]) + 8L <= length;
    }
}
