using Roost.Platform.Data;
using Roost.Platform.Money;
using Roost.Platform.Notifications;

namespace Roost.Features.Bookings;

/// <summary>What each side hears about a booking; added to the same unit of work as the transition itself.</summary>
internal static class BookingNotices
{
    public static void Created(RoostDb db, Booking booking, string listingTitle, DateTimeOffset now)
    {
        var stay = $"{listingTitle}, {booking.CheckIn:yyyy-MM-dd} to {booking.CheckOut:yyyy-MM-dd}";
        if (booking.Status == BookingStatus.Pending)
        {
            Notify.Add(db, booking.HostId, "booking_requested", "New booking request", $"A guest asks to stay at {stay}. Answer by {LocalTime(booking.ExpiresAt!.Value, booking.TimeZone)}.", Data(booking), now);
            return;
        }

        Notify.Add(db, booking.HostId, "booking_confirmed", "New reservation", $"A guest booked {stay}.", Data(booking), now);
        Notify.Add(db, booking.GuestId, "booking_confirmed", "Your stay is confirmed", $"You are booked at {stay}. {WhereToFindTheWayIn}", Data(booking), now);
        Paid(db, booking, booking.Total, now);
    }

    public static void Accepted(RoostDb db, Booking booking, DateTimeOffset now)
    {
        Notify.Add(db, booking.GuestId, "booking_confirmed", "Your request was accepted", $"Your stay from {booking.CheckIn:yyyy-MM-dd} is confirmed. {WhereToFindTheWayIn}", Data(booking), now);
        Paid(db, booking, booking.Total, now);
    }

    public static void Declined(RoostDb db, Booking booking, DateTimeOffset now) =>
        Notify.Add(db, booking.GuestId, "booking_declined", "Your request was declined", "The host cannot host you on those dates; the held amount is released.", Data(booking), now);

    public static void Expired(RoostDb db, Booking booking, DateTimeOffset now)
    {
        Notify.Add(db, booking.GuestId, "booking_expired", "Your request expired", "The host did not answer in time; the held amount is released.", Data(booking), now);
        Notify.Add(db, booking.HostId, "booking_expired", "A request expired", "A booking request expired unanswered.", Data(booking), now);
    }

    /// <summary>The other side hears of it; when Roost cancelled (an admin), both sides do.</summary>
    public static void Cancelled(RoostDb db, Booking booking, string actorRole, long refunded, DateTimeOffset now)
    {
        var text = $"The stay from {booking.CheckIn:yyyy-MM-dd} was cancelled by {(actorRole == "admin" ? "Roost" : "the " + actorRole)}.";
        Guid[] told = actorRole switch
        {
            "guest" => [booking.HostId],
            "host" => [booking.GuestId],
            _ => [booking.GuestId, booking.HostId],
        };
        foreach (var userId in told)
        {
            Notify.Add(db, userId, "booking_cancelled", "A stay was cancelled", text, Data(booking), now);
        }

        if (refunded > 0)
        {
            Refunded(db, booking, refunded, now);
        }
    }

    /// <summary>The stay is over: each side is asked how it went while it is fresh, as the review window opens.</summary>
    public static void Completed(RoostDb db, Booking booking, DateTimeOffset now)
    {
        var stay = $"{booking.CheckIn:yyyy-MM-dd} to {booking.CheckOut:yyyy-MM-dd}";
        Notify.Add(db, booking.GuestId, "stay_completed", "How was your stay?", $"Your stay from {stay} is over. Review your host while you remember it; your review shows once both of you have written or the window closes.", Data(booking), now);
        Notify.Add(db, booking.HostId, "stay_completed", "How was your guest?", $"The stay from {stay} is over. Review your guest; your review shows once both of you have written or the window closes.", Data(booking), now);
    }

    public static void AnswerSoon(RoostDb db, Booking booking, string listingTitle, DateTimeOffset now) =>
        Notify.Add(db, booking.HostId, "request_reminder", "A request is waiting for your answer",
            $"A guest's request for {listingTitle}, {booking.CheckIn:yyyy-MM-dd} to {booking.CheckOut:yyyy-MM-dd}, lapses at {LocalTime(booking.ExpiresAt!.Value, booking.TimeZone)} unless you accept or decline it.",
            Data(booking), now);

    public static void Arriving(RoostDb db, Booking booking, string listingTitle, DateTimeOffset now)
    {
        var arrival = $"{booking.CheckIn:yyyy-MM-dd} from {booking.CheckInTime:HH:mm} ({booking.TimeZone})";
        Notify.Add(db, booking.GuestId, "stay_starting", "Your stay starts soon", $"Check-in at {listingTitle} is on {arrival}; check-out by {booking.CheckOutTime:HH:mm} on {booking.CheckOut:yyyy-MM-dd}.", Data(booking), now);
        Notify.Add(db, booking.HostId, "stay_starting", "A guest arrives soon", $"Your guest checks in at {listingTitle} on {arrival}.", Data(booking), now);
    }

    public static void Refunded(RoostDb db, Booking booking, long amount, DateTimeOffset now) =>
        Notify.Add(db, booking.GuestId, "refund_issued", "Refund on its way", $"{Currency.Format(amount, booking.Currency)} is refunded to your payment method.", Data(booking), now);

    private static void Paid(RoostDb db, Booking booking, long amount, DateTimeOffset now) =>
        Notify.Add(db, booking.GuestId, "payment_received", "Payment received", $"We received {Currency.Format(amount, booking.Currency)}.", Data(booking), now);

    private const string WhereToFindTheWayIn = "The address and how to get in are in your trip's arrival details.";

    private static string LocalTime(DateTimeOffset instant, string timeZone) =>
        $"{TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(timeZone)):yyyy-MM-dd HH:mm} ({timeZone})";

    private static object Data(Booking booking) => new { bookingId = booking.Id, listingId = booking.ListingId };
}
