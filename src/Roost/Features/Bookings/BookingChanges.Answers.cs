using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Roost.Features.Payments;
using Roost.Platform.Data;
using Roost.Platform.Errors;

namespace Roost.Features.Bookings;

/// <summary>Answering a change: the other side accepts (the nights move and the money follows) or declines; the asker withdraws.</summary>
public sealed partial class BookingChanges
{
    public Task<Outcome<ChangeResponse>> AcceptAsync(Guid bookingId, Guid changeId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        OnLockedChangeAsync(bookingId, changeId, user, cancellationToken, (locked, now) => AcceptAsync(locked, now, cancellationToken));

    private async Task<Outcome<ChangeResponse>> AcceptAsync(LockedChange locked, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (booking, actor, change) = locked;
        if ((change.AnswerRefusal(actor, now) ?? booking.ChangeRefusal(now, change.CheckIn, change.CheckOut, change.Quote.Party)) is { } refused)
        {
            return refused;
        }

        if (booking.Total != change.PreviousTotal)
        {
            return Failure.Conflict("The stay changed since this was asked; ask again on its present terms.");
        }

        // The calendar and the house rules are checked again (the host may have blocked the nights or raised the
        // minimum stay since); the price is the one asked, which both sides agreed to.
        var recheck = await PriceAsync(booking, new ChangeTerms(change.CheckIn, change.CheckOut, change.Guests, change.Quote.Infants, change.Quote.Pets), cancellationToken);
        if (recheck.Failure is { } unbookable)
        {
            return unbookable;
        }

        if (await MoveNightsAsync(booking, change, cancellationToken) is { } taken)
        {
            return taken;
        }

        if (change.CheckIn != booking.CheckIn)
        {
            await BookingReminders.ArrivalMovedAsync(db, booking.Id);
        }

        var before = booking.Quote;
        booking.ApplyChange(change, actor, now);
        await ledger.PayoutsFollowChangeAsync(booking, before, now, cancellationToken);

        // From here money moves: a caller who goes away no longer stops the change.
        if (change.Difference > 0)
        {
            var payment = await gateway.AuthorizeAsync(
                new PaymentRequest(change.Difference, booking.Currency, booking.PaymentMethod, CaptureNow: true, $"booking:{booking.Id}:change:{change.Id}:charge",
                    $"Roost booking {booking.Id}, change", ChangeReference(booking.Id, change.Id), booking.GuestId, OffSession: true),
                CancellationToken.None);
            if (!payment.Kept)
            {
                return BookingRequests.PaymentFailed(payment, ChangeUnpaid);
            }

            ledger.ChargedForChange(booking, before, payment.IntentId!, now);
        }
        else if (change.Difference < 0
            && await refunds.RefundAsync(booking, BookingLedger.ChangeRefundShares(before, booking.Quote), $"booking:{booking.Id}:change:{change.Id}:refund",
                $"refund:{booking.Id}:change:{change.Id}", "the stay changed to a cheaper one", now) is { } refusal)
        {
            return BookingRequests.PaymentFailed(refusal, ChangeUnpaid);
        }

        change.Accept(actor, Math.Max(0, change.Difference), Math.Max(0, -change.Difference), now);
        BookingNotices.ChangeAccepted(db, booking, change, now);
        await db.SaveChangesAsync(CancellationToken.None);
        if (change.Difference < 0)
        {
            await ledger.RevisePayoutsAsync(booking, CancellationToken.None);
        }

        await db.Database.CommitTransactionAsync(CancellationToken.None);
        listingChanges.AvailabilityChanged();
        return ChangeResponse.From(change);
    }

    public Task<Outcome<ChangeResponse>> DeclineAsync(Guid bookingId, Guid changeId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        CloseAsync(bookingId, changeId, user, cancellationToken, (change, actor, now) =>
        {
            if (change.AnswerRefusal(actor, now) is { } refused)
            {
                return refused;
            }

            change.Decline(actor, now);
            return null;
        });

    public Task<Outcome<ChangeResponse>> WithdrawAsync(Guid bookingId, Guid changeId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        CloseAsync(bookingId, changeId, user, cancellationToken, (change, actor, now) =>
        {
            if (actor.UserId != change.ProposedBy)
            {
                return Failure.Forbidden("Only whoever asked for a change withdraws it.");
            }

            if (change.OpenRefusal(now) is { } refused)
            {
                return refused;
            }

            change.Withdraw(actor, now);
            return null;
        });

    private sealed record LockedChange(Booking Booking, Actor Actor, BookingChange Change);

    /// <summary>The booking locked, who is asking, and the change of it they name (404 when it is not that booking's).</summary>
    private async Task<Outcome<LockedChange>> LockChangeAsync(Guid bookingId, Guid changeId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (booking, actor, failure) = await LockAsync(bookingId, user, cancellationToken);
        var change = booking is null ? null : await db.Set<BookingChange>().SingleOrDefaultAsync(c => c.Id == changeId && c.BookingId == bookingId, cancellationToken);
        return booking is null || change is null ? failure ?? Failure.NotFound("The change") : new LockedChange(booking, actor, change);
    }

    /// <summary>
    /// In a transaction of its own: the booking locked, who is asking and the change they name, then the answer
    /// (which commits). A failure to find or see them ends it with nothing done.
    /// </summary>
    private async Task<Outcome<ChangeResponse>> OnLockedChangeAsync(
        Guid bookingId, Guid changeId, ClaimsPrincipal user, CancellationToken cancellationToken, Func<LockedChange, DateTimeOffset, Task<Outcome<ChangeResponse>>> answer)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await LockChangeAsync(bookingId, changeId, user, cancellationToken);
        return locked.Failure is { } failure ? failure : await answer(locked.Value!, time.GetUtcNow());
    }

    private Task<Outcome<ChangeResponse>> CloseAsync(
        Guid bookingId, Guid changeId, ClaimsPrincipal user, CancellationToken cancellationToken, Func<BookingChange, Actor, DateTimeOffset, Failure?> close) =>
        OnLockedChangeAsync(bookingId, changeId, user, cancellationToken, async (locked, now) =>
        {
            var (booking, actor, change) = locked;
            if (close(change, actor, now) is { } refused)
            {
                return refused;
            }

            BookingNotices.ChangeClosed(db, booking, change, now);
            await db.SaveChangesAsync(CancellationToken.None);
            await db.Database.CommitTransactionAsync(CancellationToken.None);
            return ChangeResponse.From(change);
        });

    /// <summary>The booking's own claim moves to the new nights; someone else's claim on them refuses it.</summary>
    private async Task<Failure?> MoveNightsAsync(Booking booking, BookingChange change, CancellationToken cancellationToken)
    {
        try
        {
            await db.Database.ExecuteSqlAsync(
                $"UPDATE occupancies SET starts_on = {change.CheckIn}, ends_on = {change.CheckOut} WHERE id = {booking.OccupancyId}", cancellationToken);
            return null;
        }
        catch (PostgresException ex) when (ex.IsLostClaim())
        {
            return Failure.Conflict("Some of those nights were just booked or blocked.", "Nothing changed; ask for other dates.");
        }
    }

    private const string ChangeUnpaid = "The stay is unchanged and the change still waits for an answer.";
}
