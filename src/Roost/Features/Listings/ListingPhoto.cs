using Roost.Platform.Files;

namespace Roost.Features.Listings;

public sealed class ListingPhoto
{
    public const int MaxPerListing = 50;
    public const long MaxBytes = 10 * 1024 * 1024;

    private ListingPhoto()
    {
    }

    public Guid Id { get; private set; }

    public Guid ListingId { get; private set; }

    /// <summary>0 is the cover photo.</summary>
    public int Position { get; private set; }

    public string Caption { get; private set; } = "";

    public string ContentType { get; private set; } = "";

    public long SizeBytes { get; private set; }

    public string StorageKey { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public string Url => $"/media/{StorageKey}";

    public static ListingPhoto Create(Guid listingId, int position, ImageKind kind, long size, string caption, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        return new ListingPhoto
        {
            Id = id,
            ListingId = listingId,
            Position = position,
            Caption = caption,
            ContentType = kind.ContentType,
            SizeBytes = size,
            StorageKey = $"listings/{listingId:N}/{id:N}{kind.Extension}",
            CreatedAt = now,
        };
    }

    public void MoveTo(int position) => Position = position;

    public void SetCaption(string caption) => Caption = caption.Trim();
}
