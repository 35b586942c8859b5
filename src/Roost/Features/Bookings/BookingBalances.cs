using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roost.Features.Payments;
using Roost.Platform.Auth;
using Roost.Platform.Data;
using Roost.Platform.Errors;

namespace Roost.Features.Bookings;

/// <summary>
/// The rest of a stay paid in two parts. A job charges it to the guest's saved card when due, and again a day later
/// after a refusal, telling the guest each time; after the last refusal the stay is cancelled as the guest's (which,
/// by when the offer is made, refunds all they paid). The guest may pay it sooner, or with another card.
/// </summary>
public sealed class BookingBalances(
    RoostDb db, IPaymentGateway gateway, BookingLedger ledger, BookingActions actions, DeclinedPayments declines, IOptions<BookingOptions> options, TimeProvider time,
    ILogger<BookingBalances> logger)
{
    public const string NotPaidReason = "balance_not_paid";

    private const string ReferenceSuffix = ":balance";

    /// <summary>What a charge of the rest tells the gateway it is for, so a charge the books missed is known again.</summary>
    public static string Reference(Guid bookingId) => bookingId + ReferenceSuffix;

    /// <summary>The booking whose rest a charge paid, by its reference; null for any other charge.</summary>
    public static Guid? RestOf(string? reference) =>
        reference is not null && reference.EndsWith(ReferenceSuffix, StringComparison.Ordinal) && Guid.TryParse(reference.AsSpan(0, reference.Length - ReferenceSuffix.Length), out var id) ? id : null;

    /// <summary>
    /// The job: every rest that is due, in batches, each under its booking's row lock, so two workers charge it once.
    /// A booking whose try failed for want of the database is tried once a run, not again in the same one.
    /// </summary>
    public async Task ChargeDueAsync()
    {
        var now = time.GetUtcNow();
        var tried = new List<Guid>();
        while (true)
        {
            var due = await db.Bookings.AsNoTracking()
                .Where(b => b.Status == BookingStatus.Confirmed && b.BalanceAmount > 0 && b.BalanceDueAt <= now && !tried.Contains(b.Id))
                .OrderBy(b => b.BalanceDueAt).Select(b => b.Id).Take(500).ToListAsync();
            if (due.Count == 0)
            {
                return;
            }

            foreach (var bookingId in due)
            {
                tried.Add(bookingId);
                try
                {
                    await ChargeAsync(bookingId);
                }
                catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or TimeoutException or System.Data.Common.DbException)
                {
                    logger.LogError(ex, "Charging the rest of booking {BookingId}", bookingId);
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }
        }
    }

    private async Task ChargeAsync(Guid bookingId)
    {
        var now = time.GetUtcNow();
        Booking? unpaid = null;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var booking = await db.LockedBookingAsync(bookingId, CancellationToken.None);
            if (booking is not { Status: BookingStatus.Confirmed, OwesBalance: true } || booking.BalanceDueAt > now)
            {
                return;
            }

            if (booking.BalanceFailures < options.Value.BalanceAttempts)
            {
                // One gateway key per try: a retry of this try after a crash finds the charge it made.
                var payment = await gateway.AuthorizeAsync(Request(booking, booking.PaymentMethod, $"booking:{booking.Id}:balance:{booking.BalanceFailures}", offSession: true), CancellationToken.None);
                // A charge given back since (see Kept) counts as a refusal; the next try has a key of its own.
                if (payment.Kept)
                {
                    Paid(booking, payment, now);
                }
                else
                {
                    // After the last refusal the stay is cancelled at once, below; a crash before that finds it due still.
                    var last = booking.BalanceFailures + 1 >= options.Value.BalanceAttempts;
                    booking.BalanceRefused(last ? now : now + TimeSpan.FromDays(1), now);
                    BookingNotices.BalanceRefused(db, booking, payment.Message ?? "the payment was returned", last, now);
                    logger.LogInformation("The rest of booking {BookingId} was refused ({Attempt} of {Attempts}): {Error}", booking.Id, booking.BalanceFailures, options.Value.BalanceAttempts, payment.ErrorCode);
                }
            }

            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            unpaid = booking.OwesBalance && booking.BalanceFailures >= options.Value.BalanceAttempts ? booking : null;
        }

        if (unpaid is not null)
        {
            db.ChangeTracker.Clear();
            var cancelled = await actions.CancelUnpaidAsync(unpaid.Id, options.Value.BalanceAttempts);
            logger.LogInformation("Booking {BookingId} cancelled: its rest was not paid ({Outcome})", unpaid.Id, cancelled.Failure?.Title ?? "refunded by its policy");
        }
    }

    /// <summary>The guest pays the rest now, with the card booked with or another.</summary>
    public async Task<Outcome<BookingResponse>> PayAsync(Guid bookingId, string paymentMethod, string requestKey, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var booking = await db.LockedBookingAsync(bookingId, cancellationToken);
        if (booking is null || !user.IsParticipantOrAdmin(booking.GuestId, booking.HostId))
        {
            return Failure.NotFound("The booking");
        }

        if (booking.GuestId != user.UserId())
        {
            return Failure.Forbidden("Only the guest pays for their stay.");
        }

        if (booking.Status != BookingStatus.Confirmed || !booking.OwesBalance)
        {
            return Failure.Conflict(booking.Status == BookingStatus.Pending && booking.OwesBalance
                ? "The host has not accepted this request yet; the rest is paid once they have."
                : "Nothing is left to pay for this booking.");
        }

        if (await declines.RefusalAsync(booking.GuestId) is { } cardTesting)
        {
            return cardTesting;
        }

        var now = time.GetUtcNow();
        var payment = await gateway.AuthorizeAsync(Request(booking, paymentMethod, $"booking:{booking.Id}:balance:guest:{requestKey}", offSession: false), CancellationToken.None);
        if (!payment.Kept)
        {
            if (!payment.Succeeded)
            {
                await declines.DeclinedAsync(booking.GuestId);
            }

            return BookingRequests.PaymentFailed(payment, "Nothing was charged; the rest is still due as before.");
        }

        Paid(booking, payment, now);
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return BookingResponse.From(booking);
    }

    private static PaymentRequest Request(Booking booking, string paymentMethod, string key, bool offSession) =>
        new(booking.BalanceAmount, booking.Currency, paymentMethod, CaptureNow: true, key, $"Roost booking {booking.Id}, the rest", Reference(booking.Id), booking.GuestId, offSession);

    private void Paid(Booking booking, PaymentResult payment, DateTimeOffset now) => Paid(db, ledger, booking, payment.IntentId!, payment.AmountCaptured, payment.PaymentMethod, now);

    /// <summary>The rest is paid: on the books, on the booking, and the guest is told. Added to the caller's unit of work.</summary>
    internal static void Paid(RoostDb db, BookingLedger ledger, Booking booking, string intentId, long amount, string? savedMethod, DateTimeOffset now)
    {
        ledger.ChargedBalance(booking, intentId, now);
        BookingNotices.BalancePaid(db, booking, booking.BalanceAmount, now);
        booking.BalancePaid(amount, savedMethod, now);
    }
}
