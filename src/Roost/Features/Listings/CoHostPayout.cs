using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Roost.Features.Listings;

/// <summary>
/// A co-host's part of the host payout of each stay booked while it stands: whole percent, or a fixed amount in minor
/// units of the listing's currency (0 in shares from before fixed amounts).
/// </summary>
public sealed record CoHostPayout(Guid UserId, int Percent, long Amount = 0);

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
