namespace Roost.Features.Listings;

public sealed partial class Listing
{
    /// <summary>
    /// How many co-hosts answer this listing's requests. <see cref="CoHosts"/> recounts it from the memberships under
    /// the listing's row lock whenever one changes, so a request to book looks its co-hosts up only when there are some.
    /// </summary>
    public int ReservationCoHosts { get; private set; }

    /// <summary>
    /// The co-hosts with a share of the host payout (null when none), kept by <see cref="CoHosts"/> as the count above
    /// is: a booking snapshots it from the listing row it reads anyway.
    /// </summary>
    public IReadOnlyList<CoHostPayout>? CoHostPayouts { get; private set; }
}
