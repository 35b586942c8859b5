using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Features.Bookings;
using Roost.Features.Payments;
using Roost.Platform.Audit;
using Roost.Platform.Auth;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Http;
using Roost.Platform.Money;
using Roost.Platform.Notifications;

namespace Roost.Features.Claims;

/// <summary>
/// Filing, answering and deciding damage claims. Every step runs under the booking's row lock, the lock every money
/// movement on a booking takes, so a guest paying while Roost decides charges the card once.
/// </summary>
public sealed class DamageClaims(RoostDb db, IPaymentGateway gateway, BookingLedger ledger, TimeProvider time)
{
    /// <summary>How long after check-out a host may claim: damage shows when the home is cleaned, not weeks later.</summary>
    public static readonly TimeSpan FilingWindow = TimeSpan.FromDays(14);

    public static readonly TimeSpan AnswerTime = TimeSpan.FromHours(72);

    /// <summary>A claim is for what a stay broke, not a second price for it: at most this many times what the stay cost.</summary>
    public const int MaxTimesStayTotal = 10;

    public async Task<Outcome<ClaimResponse>> FileAsync(Guid bookingId, FileClaimRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (booking, failure) = await LockAsync(bookingId, user, cancellationToken);
        if (booking is null)
        {
            return failure!;
        }

        if (booking.HostId != user.UserId())
        {
            return Failure.Forbidden("The stay's host files a claim; a guest with a problem writes to the host or to support.");
        }

        var now = time.GetUtcNow();
        if (!booking.IsOver(now))
        {
            return Failure.Conflict("A claim is filed after the guest has checked out of a stay that took place.");
        }

        if (now > booking.CheckOutAt + FilingWindow)
        {
            return Failure.Conflict($"Claims are filed within {FilingWindow.Days} days of check-out; this stay ended on {booking.CheckOut:yyyy-MM-dd}.");
        }

        var most = Math.Min(booking.Total * MaxTimesStayTotal, Currency.MaxAmount(booking.Currency));
        if (request.Amount > most)
        {
            return Failure.Validation("amount", $"At most {most} ({Currency.Format(most, booking.Currency)}) for this stay.");
        }

        if (await db.Set<DamageClaim>().AnyAsync(c => c.BookingId == bookingId && c.Status != ClaimStatus.Withdrawn, cancellationToken))
        {
            return Failure.Conflict("This stay already has a claim; one claim covers everything that went wrong.");
        }

        var claim = DamageClaim.File(booking, request.Reason!.Value, request.Description.Trim(), request.Amount, AnswerTime, now);
        db.Add(claim);
        Notify.Add(db, claim.GuestId, "claim_filed", "Your host asks you to pay for damage",
            $"Your host asks {Currency.Format(claim.Amount, claim.Currency)} for the stay from {booking.CheckIn:yyyy-MM-dd}: {claim.Description} Pay or decline by {claim.AnswerBy:yyyy-MM-dd HH:mm} UTC; after that Roost decides.",
            Data(claim), now);
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return ClaimResponse.From(claim);
    }

    public async Task<Outcome<IReadOnlyList<ClaimResponse>>> ListAsync(Guid bookingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var parties = await db.Bookings.AsNoTracking().Where(b => b.Id == bookingId).Select(b => new { b.GuestId, b.HostId }).SingleOrDefaultAsync(cancellationToken);
        if (parties is null || !user.IsParticipantOrAdmin(parties.GuestId, parties.HostId))
        {
            return Failure.NotFound("The booking");
        }

        var claims = await db.Set<DamageClaim>().AsNoTracking().Where(c => c.BookingId == bookingId).OrderByDescending(c => c.CreatedAt).ToListAsync(cancellationToken);
        return claims.Select(ClaimResponse.From).ToList();
    }

    /// <summary>Every claim on the stays a user booked or hosted, newest first: their data export.</summary>
    public async Task<IReadOnlyList<ClaimResponse>> AllOfUserAsync(Guid userId, CancellationToken cancellationToken) =>
        [.. (await db.Set<DamageClaim>().AsNoTracking().Where(c => c.HostId == userId || c.GuestId == userId)
            .OrderByDescending(c => c.CreatedAt).ToListAsync(cancellationToken)).Select(ClaimResponse.From)];

    /// <summary>The guest pays the claim in full: their card on file is charged and the host is paid with the next payout run.</summary>
    public Task<Outcome<ClaimResponse>> PayAsync(Guid bookingId, Guid claimId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ActAsync(bookingId, claimId, user, Side.Guest, cancellationToken, async (booking, claim, now) =>
        {
            if (claim.PayRefusal() is { } refused)
            {
                return refused;
            }

            var payment = await ChargeAsync(booking, claim, claim.Amount, now);
            if (payment.Failure is { } failed)
            {
                return failed;
            }

            claim.Paid(payment.Value!, now);
            Notify.Add(db, claim.HostId, "claim_paid", "Your claim was paid", $"The guest paid {Currency.Format(claim.Amount, claim.Currency)}; it comes with your next payout.", Data(claim), now);
            return null;
        });

    public Task<Outcome<ClaimResponse>> DeclineAsync(Guid bookingId, Guid claimId, string? note, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ActAsync(bookingId, claimId, user, Side.Guest, cancellationToken, (_, claim, now) =>
        {
            if (claim.Decline(note?.Trim(), now) is { } refused)
            {
                return Task.FromResult<Failure?>(refused);
            }

            Notify.Add(db, claim.HostId, "claim_declined", "The guest declined your claim",
                "You can ask Roost to decide: send the claim to us and we will look at what both of you sent.", Data(claim), now);
            return Task.FromResult<Failure?>(null);
        });

    public Task<Outcome<ClaimResponse>> EscalateAsync(Guid bookingId, Guid claimId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ActAsync(bookingId, claimId, user, Side.Host, cancellationToken, (_, claim, now) =>
        {
            if (claim.Escalate(now) is { } refused)
            {
                return Task.FromResult<Failure?>(refused);
            }

            return EscalatedAsync(claim, now);
        });

    public Task<Outcome<ClaimResponse>> WithdrawAsync(Guid bookingId, Guid claimId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ActAsync(bookingId, claimId, user, Side.Host, cancellationToken, (_, claim, now) =>
        {
            if (claim.Withdraw(now) is { } refused)
            {
                return Task.FromResult<Failure?>(refused);
            }

            Notify.Add(db, claim.GuestId, "claim_withdrawn", "Your host withdrew their claim", "There is nothing to pay.", Data(claim), now);
            return Task.FromResult<Failure?>(null);
        });

    /// <summary>Roost decides an escalated claim: grants all or part of it (the guest's card is charged that) or rejects it.</summary>
    public async Task<Outcome<ClaimResponse>> DecideAsync(Guid claimId, DecideClaimRequest request, Guid adminId, CancellationToken cancellationToken)
    {
        var bookingId = await db.Set<DamageClaim>().Where(c => c.Id == claimId).Select(c => (Guid?)c.BookingId).SingleOrDefaultAsync(cancellationToken);
        if (bookingId is null)
        {
            return Failure.NotFound("The claim");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM bookings WHERE id = {bookingId} FOR UPDATE", cancellationToken);
        var booking = await db.Bookings.SingleAsync(b => b.Id == bookingId, cancellationToken);
        var claim = await db.Set<DamageClaim>().SingleAsync(c => c.Id == claimId, cancellationToken);
        var granted = request.Approve == true ? request.Amount ?? claim.Amount : 0;
        if (claim.DecisionRefusal(granted) is { } refused)
        {
            return refused;
        }

        var now = time.GetUtcNow();
        var note = request.Note.Trim();
        if (granted > 0)
        {
            var payment = await ChargeAsync(booking, claim, granted, now);
            if (payment.Failure is { } failed)
            {
                return failed;
            }

            claim.Approved(granted, payment.Value!, adminId, note, now);
        }
        else
        {
            claim.Rejected(adminId, note, now);
        }

        var outcome = granted > 0 ? $"Roost granted {Currency.Format(granted, claim.Currency)} of the claim: {note}" : $"Roost rejected the claim: {note}";
        Notify.Add(db, claim.HostId, "claim_decided", "Roost decided your claim", outcome, Data(claim), now);
        Notify.Add(db, claim.GuestId, "claim_decided", "Roost decided your host's claim",
            granted > 0 ? $"{outcome} Your payment method was charged." : outcome, Data(claim), now);
        Audit.Add(db, adminId, granted > 0 ? "approve_claim" : "reject_claim", claim.Id, outcome, now);
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return ClaimResponse.From(claim);
    }

    /// <summary>Admins' queue: claims by status (default escalated), oldest change first.</summary>
    public async Task<Page<ClaimResponse>> QueueAsync(ClaimStatus status, int limit, ClaimsCursor? after, CancellationToken cancellationToken)
    {
        var query = db.Set<DamageClaim>().AsNoTracking().Where(c => c.Status == status);
        if (after is not null)
        {
            query = query.Where(c => c.UpdatedAt > after.UpdatedAt || (c.UpdatedAt == after.UpdatedAt && c.Id.CompareTo(after.Id) > 0));
        }

        var rows = await query.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return new Page<ClaimResponse>(
            [.. rows.Take(limit).Select(ClaimResponse.From)],
            rows.Count > limit ? Cursor.Encode(new ClaimsCursor(rows[limit - 1].UpdatedAt, rows[limit - 1].Id)) : null);
    }

    /// <summary>The job: a claim the guest let lapse goes to Roost. Under the booking's lock, skipping one being answered.</summary>
    public async Task EscalateUnansweredAsync()
    {
        var now = time.GetUtcNow();
        var due = await db.Set<DamageClaim>().AsNoTracking().Where(c => c.Status == ClaimStatus.Open && c.AnswerBy <= now)
            .OrderBy(c => c.AnswerBy).Select(c => new { c.Id, c.BookingId }).Take(500).ToListAsync();
        foreach (var item in due)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM bookings WHERE id = {item.BookingId} FOR UPDATE SKIP LOCKED").ToListAsync();
            var claim = locked.Count == 0 ? null : await db.Set<DamageClaim>().SingleAsync(c => c.Id == item.Id);
            if (claim is null || claim.Status != ClaimStatus.Open || claim.Escalate(now) is not null)
            {
                continue;
            }

            await EscalatedAsync(claim, now);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
    }

    private enum Side
    {
        Guest,
        Host,
    }

    private async Task<Outcome<ClaimResponse>> ActAsync(
        Guid bookingId, Guid claimId, ClaimsPrincipal user, Side side, CancellationToken cancellationToken, Func<Booking, DamageClaim, DateTimeOffset, Task<Failure?>> act)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (booking, failure) = await LockAsync(bookingId, user, cancellationToken);
        var claim = booking is null ? null : await db.Set<DamageClaim>().SingleOrDefaultAsync(c => c.Id == claimId && c.BookingId == bookingId, cancellationToken);
        if (booking is null || claim is null)
        {
            return failure ?? Failure.NotFound("The claim");
        }

        if (user.UserId() != (side == Side.Guest ? claim.GuestId : claim.HostId))
        {
            return Failure.Forbidden(side == Side.Guest ? "The guest answers a claim." : "Only the host who filed a claim sends it to Roost or withdraws it.");
        }

        var now = time.GetUtcNow();
        if (await act(booking, claim, now) is { } refused)
        {
            return refused;
        }

        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return ClaimResponse.From(claim);
    }

    private async Task<(Booking? Booking, Failure? Failure)> LockAsync(Guid bookingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM bookings WHERE id = {bookingId} FOR UPDATE", cancellationToken);
        var booking = await db.Bookings.SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        return booking is not null && user.IsParticipantOrAdmin(booking.GuestId, booking.HostId) ? (booking, null) : (null, Failure.NotFound("The booking"));
    }

    /// <summary>
    /// Charges the guest's card on file; the gateway keeps the payment as <c>&lt;booking&gt;:claim:&lt;claim&gt;</c>, so
    /// reconciliation returns one whose claim never committed rather than taking it for the booking's own.
    /// </summary>
    private async Task<Outcome<string>> ChargeAsync(Booking booking, DamageClaim claim, long amount, DateTimeOffset now)
    {
        var payment = await gateway.AuthorizeAsync(
            new PaymentRequest(amount, booking.Currency, booking.PaymentMethod, CaptureNow: true, $"booking:{booking.Id}:claim:{claim.Id}:charge",
                $"Roost claim for booking {booking.Id}", $"{booking.Id}:claim:{claim.Id}"),
            CancellationToken.None);
        if (!payment.Succeeded)
        {
            return BookingRequests.PaymentFailed(payment, "Nothing was charged and the claim is as it was.");
        }

        await ledger.ChargedForHostAsync(booking, payment.IntentId!, amount, now, CancellationToken.None);
        booking.ChargedAfterStay(amount, now);
        return payment.IntentId!;
    }

    private async Task<Failure?> EscalatedAsync(DamageClaim claim, DateTimeOffset now)
    {
        var admins = await AccountDirectory.ActiveAdmins(db).Select(u => u.Id).ToListAsync();
        foreach (var admin in admins)
        {
            Notify.Add(db, admin, "claim_escalated", "A damage claim waits for a decision",
                $"{Currency.Format(claim.Amount, claim.Currency)} asked ({claim.Reason}); the guest {(claim.GuestNote is null ? "did not answer" : "declined: " + claim.GuestNote)}.", Data(claim), now);
        }

        Notify.Add(db, claim.GuestId, "claim_escalated", "Roost will decide your host's claim",
            "Your host asked Roost to decide. We look at what both of you sent and tell you both.", Data(claim), now);
        return null;
    }

    private static object Data(DamageClaim claim) => new { bookingId = claim.BookingId, claimId = claim.Id };
}
