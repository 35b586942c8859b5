using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Roost.Platform.Http;

/// <summary>Opaque keyset cursors: the client hands back what we gave it and cannot forge a position meaningfully.</summary>
public static class Cursor
{
    public static string Encode<T>(T position) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(position));

    public static bool TryDecode<T>(string? cursor, out T? position)
    {
        position = default;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        try
        {
            position = JsonSerializer.Deserialize<T>(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(cursor)));
            return position is not null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
        {
            return false;
        }
    }
}

public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
