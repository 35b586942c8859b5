using Roost.Platform.Errors;

namespace Roost.Platform.Files;

/// <summary>What every image upload checks before anything is stored: there is a file, it fits, and its bytes are a whole JPEG, PNG or WebP.</summary>
public static class UploadedImage
{
    /// <summary>The multipart form of an upload; a body that is not one, or is broken, is the client's to fix (415, 400).</summary>
    public static async Task<(IFormCollection? Form, Failure? Failure)> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return (null, new Failure(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "Send the image as multipart/form-data."));
        }

        try
        {
            return (await request.ReadFormAsync(cancellationToken), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return (null, Failure.Validation("file", $"The multipart body is malformed: {ex.Message}"));
        }
    }

    public static async Task<Outcome<ImageKind>> CheckAsync(IFormFile? file, long maxBytes, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return Failure.Validation("file", "Send the image as a multipart form field named 'file'.");
        }

        if (file.Length > maxBytes)
        {
            return new Failure(StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE", $"The image is larger than {maxBytes / (1024 * 1024)} MB.");
        }

        var head = new byte[ImageKind.SniffLength];
        var tail = new byte[Math.Min(ImageKind.TailLength, file.Length)];
        await using (var peek = file.OpenReadStream())
        {
            var headRead = await peek.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
            head = head[..headRead];
            peek.Seek(-tail.Length, SeekOrigin.End);
            await peek.ReadExactlyAsync(tail, cancellationToken);
        }

        if (ImageKind.Sniff(head) is not { } kind)
        {
            return new Failure(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "The file is not a JPEG, PNG or WebP image.");
        }

        return kind.IsWhole(head, tail, file.Length)
            ? kind
            : Failure.Validation("file", $"The {kind.Extension[1..].ToUpperInvariant()} file is cut short or damaged (a PNG is at most {ImageKind.MaxSide} pixels a side); send the whole image.");
    }
}
