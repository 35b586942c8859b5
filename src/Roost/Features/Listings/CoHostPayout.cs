using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Roost.Features.Listings;

/// <summary>A co-host's share of the host payout of each stay booked while it stands, in whole percent.</summary>
public sealed record CoHostPayout(Guid UserId, int Percent);

/// <summary>A list of co-host payout shares as a jsonb array, for the listing's copy and a booking's snapshot alike.</summary>
public static class CoHostPayoutsJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // A null list is a NULL column: EF does not hand nulls to the converter.
    public static readonly ValueConverter<IReadOnlyList<CoHostPayout>?, string> Converter = new(
        shares => JsonSerializer.Serialize(shares, Json),
        json => JsonSerializer.Deserialize<CoHostPayout[]>(json, Json));

    public static readonly ValueComparer<IReadOnlyList<CoHostPayout>?> Comparer = new(
        (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
        shares => shares == null ? 0 : shares.Aggregate(0, (hash, share) => HashCode.Combine(hash, share)),
        shares => shares == null ? null : shares.ToArray());
}
