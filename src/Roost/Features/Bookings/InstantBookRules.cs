using Roost.Features.Accounts;
using Roost.Features.Listings;

namespace Roost.Features.Bookings;

/// <summary>Whether a guest may book an instant-book listing at once under its host's rule; else they send a request.</summary>
public static class InstantBookRules
{
    /// <summary>A record with other hosts: reviewed at least once as a guest, averaging four stars or more.</summary>
    public const double GoodRecord = 4.0;

    public static bool Admits(InstantBookFor rule, GuestStanding guest) => rule switch
    {
        InstantBookFor.VerifiedGuests => guest.EmailVerified,
        InstantBookFor.ReviewedGuests => guest.EmailVerified && guest.ReviewCount > 0 && guest.Rating >= GoodRecord,
        _ => true,
    };
}
