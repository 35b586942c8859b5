using Roost.Platform.Errors;
using Roost.Platform.Time;

namespace Roost.Features.Bookings;

/// <summary>What may happen to a confirmed stay besides its lifecycle: other dates or guests, an arrival time, a charge after it.</summary>
public sealed partial class Booking
{
    /// <summary>
    /// Why the stay may not change to these terms now, or null: only a confirmed stay; before it begins, any change;
    /// once under way, only a later check-out for the same party (leaving early is a cancellation, by the policy); and
    /// only while what the guest paid is what the booking costs (support refunded part of it outside the policy, and
    /// a new price would have to say what happens to that money).
    /// </summary>
    public Failure? ChangeRefusal(DateTimeOffset now, DateOnly checkIn, DateOnly checkOut, Party party)
    {
        if (Status != BookingStatus.Confirmed)
        {
            return Failure.Conflict($"Only a confirmed stay can be changed; this one is {System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(Status.ToString())}.");
        }

        if (now >= CheckOutAt)
        {
            return Failure.Conflict("This stay is over; it can no longer be changed.");
        }

        if (IsUnderWay(now) && (checkIn != CheckIn || checkOut <= CheckOut || party != Quote.Party))
        {
            return Failure.Conflict("This stay has begun: it can only be extended (a later check-out for the same guests).",
                "Leaving early is a cancellation, refunded by the stay's policy.");
        }

        if (OwesBalance)
        {
            return Failure.Conflict("The rest of this stay's price is still to be paid; it can be changed once it is.",
                "Pay the rest now (POST /bookings/{id}/balance) or wait for it to be charged.");
        }

        return AmountCaptured - AmountRefunded != Total
            ? Failure.Conflict("Support adjusted what was paid for this stay; ask them to change it.")
            : null;
    }

    /// <summary>The check-in day has come where the home is.</summary>
    public bool IsUnderWay(DateTimeOffset now) => TimeZones.Today(TimeZone, now) >= CheckIn;

    /// <summary>
    /// Both sides agreed to other dates or another party: the booking takes the new quote (the cancellation policy
    /// and the booking time stay as they were) and records who agreed, as a transition that keeps it confirmed.
    /// </summary>
    public void ApplyChange(BookingChange change, Actor agreedBy, DateTimeOffset now)
    {
        CheckIn = change.CheckIn;
        CheckOut = change.CheckOut;
        Guests = change.Guests;
        Quote = change.Quote;
        Total = change.Quote.Total.Amount;
        CheckOutAt = CancellationRules.InstantAt(CheckOut, CheckOutTime, TimeZone);
        AmountCaptured += Math.Max(0, change.Difference);
        AmountRefunded += Math.Max(0, -change.Difference);
        Move(BookingStatus.Confirmed, agreedBy, $"changed to {CheckIn:yyyy-MM-dd}..{CheckOut:yyyy-MM-dd}, {Quote.Party.Describe()}", now);
    }

    /// <summary>The guest tells the host when to expect them; only for a stay still to come.</summary>
    public Failure? ExpectArrivalAt(TimeOnly? at, DateTimeOffset now)
    {
        if (!IsLive || now >= CancellationRules.InstantAt(CheckIn.AddDays(1), TimeOnly.MinValue, TimeZone))
        {
            return Failure.Conflict("The arrival time is for a stay still to come.");
        }

        ExpectedArrival = at;
        UpdatedAt = now;
        return null;
    }

    /// <summary>Charged again after the stay (a damage claim the guest paid or Roost granted): part of what this booking took.</summary>
    public void ChargedAfterStay(long amount, DateTimeOffset now)
    {
        AmountCaptured += amount;
        UpdatedAt = now;
    }

    /// <summary>The stay is over where the home is (the completion job may not have marked it yet).</summary>
    public bool IsOver(DateTimeOffset now) => Status == BookingStatus.Completed || (Status == BookingStatus.Confirmed && CheckOutAt <= now);
}
