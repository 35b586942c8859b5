using Microsoft.EntityFrameworkCore;
using Roost.Features.Listings;
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
        Paid(db, booking, booking.FirstPayment, now);
    }

    /// <summary>Co-hosts who answer requests hear of one as the host does.</summary>
    public static async Task CoHostsAskedAsync(RoostDb db, Booking booking, string listingTitle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var coHost in await CoHosts.MembersOf(db, booking.ListingId, CoHostAccess.Reservations).ToListAsync(cancellationToken))
        {
            Notify.Add(db, coHost, "booking_requested", "New booking request at a listing you co-host",
                $"A guest asks to stay at {listingTitle}, {booking.CheckIn:yyyy-MM-dd} to {booking.CheckOut:yyyy-MM-dd}. Answer by {LocalTime(booking.ExpiresAt!.Value, booking.TimeZone)}.", Data(booking), now);
        }
    }

    /// <summary>The host hears what a co-host answered for them.</summary>
    public static void AnsweredByCoHost(RoostDb db, Booking booking, bool accepted, DateTimeOffset now) =>
        Notify.Add(db, booking.HostId, accepted ? "booking_confirmed" : "booking_declined",
            accepted ? "Your co-host accepted a request" : "Your co-host declined a request",
            $"The stay from {booking.CheckIn:yyyy-MM-dd} to {booking.CheckOut:yyyy-MM-dd} is {(accepted ? "confirmed" : "declined")}.", Data(booking), now);

    public static void Accepted(RoostDb db, Booking booking, DateTimeOffset now)
    {
        Notify.Add(db, booking.GuestId, "booking_confirmed", "Your request was accepted", $"Your stay from {booking.CheckIn:yyyy-MM-dd} is confirmed. {WhereToFindTheWayIn}", Data(booking), now);
        Paid(db, booking, booking.FirstPayment, now);
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
        var text = actorRole switch
        {
            "system" => $"The stay from {booking.CheckIn:yyyy-MM-dd} was cancelled: the rest of its price could not be charged.",
            "admin" => $"The stay from {booking.CheckIn:yyyy-MM-dd} was cancelled by Roost.",
            _ => $"The stay from {booking.CheckIn:yyyy-MM-dd} was cancelled by the {actorRole}.",
        };
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

    public static void ChangeAsked(RoostDb db, Booking booking, BookingChange change, DateTimeOffset now)
    {
        var asker = change.ProposerRole == "guest" ? "Your guest" : "Your host";
        var price = change.Difference switch
        {
            > 0 => $" The guest would pay {Currency.Format(change.Difference, change.Currency)} more.",
            < 0 => $" The guest would get {Currency.Format(-change.Difference, change.Currency)} back.",
            _ => "",
        };
        Notify.Add(db, Answerer(booking, change), "booking_change_requested", "A change to a stay is asked",
            $"{asker} asks to change the stay from {booking.CheckIn:yyyy-MM-dd} to {Terms(change)}.{price} Answer by {LocalTime(change.ExpiresAt, booking.TimeZone)}."
            + (change.Message is null ? "" : $" Their message: {change.Message}"),
            ChangeData(change), now);
    }

    public static void ChangeAccepted(RoostDb db, Booking booking, BookingChange change, DateTimeOffset now)
    {
        Notify.Add(db, change.ProposedBy, "booking_change_accepted", "Your change was accepted", $"The stay is now {Terms(change)}.", ChangeData(change), now);
        if (change.Charged > 0)
        {
            Paid(db, booking, change.Charged, now);
        }

        if (change.Refunded > 0)
        {
            Refunded(db, booking, change.Refunded, now);
        }
    }

    /// <summary>Declined: whoever asked hears it. Withdrawn: whoever was asked no longer needs to answer.</summary>
    public static void ChangeClosed(RoostDb db, Booking booking, BookingChange change, DateTimeOffset now)
    {
        if (change.Status == BookingChangeStatus.Declined)
        {
            Notify.Add(db, change.ProposedBy, "booking_change_declined", "Your change was declined",
                $"The stay stays as booked, {booking.CheckIn:yyyy-MM-dd} to {booking.CheckOut:yyyy-MM-dd}.", ChangeData(change), now);
        }
        else
        {
            Notify.Add(db, Answerer(booking, change), "booking_change_withdrawn", "A change was withdrawn",
                $"The change to {Terms(change)} was withdrawn; nothing to answer.", ChangeData(change), now);
        }
    }

    public static void ChangeExpired(RoostDb db, Booking booking, BookingChange change, DateTimeOffset now) =>
        Notify.Add(db, change.ProposedBy, "booking_change_expired", "Your change lapsed",
            booking.Status == BookingStatus.Confirmed ? $"The change to {Terms(change)} was not answered in time; the stay is as booked." : $"The change to {Terms(change)} lapsed with the stay.",
            ChangeData(change), now);

    private static Guid Answerer(Booking booking, BookingChange change) => change.ProposerRole == "guest" ? booking.HostId : booking.GuestId;

    private static string Terms(BookingChange change) =>
        $"{change.CheckIn:yyyy-MM-dd} to {change.CheckOut:yyyy-MM-dd} for {change.Guests} guest{(change.Guests == 1 ? "" : "s")}";

    private static object ChangeData(BookingChange change) => new { bookingId = change.BookingId, changeId = change.Id };

    public static void ArrivalExpected(RoostDb db, Booking booking, DateTimeOffset now) =>
        Notify.Add(db, booking.HostId, "arrival_time", "When your guest arrives",
            booking.ExpectedArrival is { } at
                ? $"Your guest expects to arrive at {at:HH:mm} on {booking.CheckIn:yyyy-MM-dd}{(at < booking.CheckInTime ? $", before your check-in time ({booking.CheckInTime:HH:mm})" : "")}."
                : $"Your guest no longer gives an arrival time for {booking.CheckIn:yyyy-MM-dd}.",
            Data(booking), now);

    public static void Refunded(RoostDb db, Booking booking, long amount, DateTimeOffset now) =>
        Notify.Add(db, booking.GuestId, "refund_issued", "Refund on its way", $"{Currency.Format(amount, booking.Currency)} is refunded to your payment method.", Data(booking), now);

    /// <summary>What the guest paid; of a stay paid in two parts, also what is left and when it is charged.</summary>
    private static void Paid(RoostDb db, Booking booking, long amount, DateTimeOffset now) =>
        Notify.Add(db, booking.GuestId, "payment_received", "Payment received",
            $"We received {Currency.Format(amount, booking.Currency)}."
                + (booking.OwesBalance ? $" The rest, {Currency.Format(booking.BalanceAmount, booking.Currency)}, is charged to your card on {LocalTime(booking.BalanceDueAt!.Value, booking.TimeZone)}." : ""),
            Data(booking), now);

    /// <summary>Called before the booking records the payment, while it still says what was owed.</summary>
    public static void BalancePaid(RoostDb db, Booking booking, long amount, DateTimeOffset now) =>
        Notify.Add(db, booking.GuestId, "payment_received", "Payment received",
            $"We received {Currency.Format(amount, booking.Currency)}, the rest of your stay from {booking.CheckIn:yyyy-MM-dd}: it is paid in full.", Data(booking), now);

    public static void BalanceSoon(RoostDb db, Booking booking, string listingTitle, DateTimeOffset now) =>
        Notify.Add(db, booking.GuestId, "balance_due_soon", "The rest of your stay is charged soon",
            $"The rest of your stay at {listingTitle} from {booking.CheckIn:yyyy-MM-dd}, {Currency.Format(booking.BalanceAmount, booking.Currency)}, is charged to your card on {LocalTime(booking.BalanceDueAt!.Value, booking.TimeZone)}. You can pay it sooner, or with another card.",
            Data(booking), now);

    public static void BalanceRefused(RoostDb db, Booking booking, string why, bool last, DateTimeOffset now) =>
        Notify.Add(db, booking.GuestId, "balance_payment_failed", "We could not charge the rest of your stay",
            $"Charging {Currency.Format(booking.BalanceAmount, booking.Currency)} for your stay from {booking.CheckIn:yyyy-MM-dd} failed: {why}"
                + (last ? " It was the last try, so the stay is cancelled and what you paid is refunded by its policy."
                    : $" We try again on {LocalTime(booking.BalanceDueAt!.Value, booking.TimeZone)}; you can pay it now with another card. If the last try fails, the stay is cancelled."),
            Data(booking), now);

    private const string WhereToFindTheWayIn = "The address and how to get in are in your trip's arrival details.";

    private static string LocalTime(DateTimeOffset instant, string timeZone) =>
        $"{TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(timeZone)):yyyy-MM-dd HH:mm} ({timeZone})";

    private static object Data(Booking booking) => new { bookingId = booking.Id, listingId = booking.ListingId };
}
