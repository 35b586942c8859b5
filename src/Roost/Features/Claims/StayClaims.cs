using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Bookings;
using Roost.Features.Payments;
using Roost.Platform.Auth;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Money;
using Roost.Platform.Notifications;

namespace Roost.Features.Claims;

/// <summary>
/// Filing, answering and deciding claims between the two sides of a stay. Every step runs under the booking's row
/// lock, the lock every money movement on a booking takes, so an answer racing Roost's decision moves money once.
/// </summary>
public sealed partial class StayClaims(RoostDb db, ClaimSettlement settlement, BookingLedger ledger, TimeProvider time)
{
    /// <summary>How long after check-out either side may claim: what went wrong shows by then, not weeks later.</summary>
    public static readonly TimeSpan FilingWindow = TimeSpan.FromDays(14);

    public static readonly TimeSpan AnswerTime = TimeSpan.FromHours(72);

    /// <summary>
    /// How long after a damage claim is filed the guest's saved card is kept for it, even if they close their account:
    /// the answer, an escalation and Roost's decision all fit in it.
    /// </summary>
    public static readonly TimeSpan CardKeptForSettlement = TimeSpan.FromDays(90);

    /// <summary>Damage is what a stay broke, not a second price for it: at most this many times what the stay cost.</summary>
    public const int MaxTimesStayTotal = 10;

    private static readonly ClaimReason[] DamageReasons = [ClaimReason.Damage, ClaimReason.MissingItems, ClaimReason.ExtraCleaning, ClaimReason.RuleBreach, ClaimReason.Other];

    private static readonly ClaimReason[] RefundReasons = [ClaimReason.NotAsDescribed, ClaimReason.Cleanliness, ClaimReason.MissingAmenities, ClaimReason.AccessProblem, ClaimReason.Other];

    public async Task<Outcome<ClaimResponse>> FileAsync(Guid bookingId, FileClaimRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (booking, failure) = await LockAsync(bookingId, user, cancellationToken);
        if (booking is null)
        {
            return failure!;
        }

        var me = user.UserId();
        if (me != booking.HostId && me != booking.GuestId)
        {
            return Failure.Forbidden("The stay's host or guest files a claim; support refunds through its own route.");
        }

        var kind = me == booking.HostId ? ClaimKind.Damage : ClaimKind.Refund;
        var now = time.GetUtcNow();
        if (FilingRefusal(booking, kind, request, now) is { } refused)
        {
            return refused;
        }

        if (await db.Set<StayClaim>().AnyAsync(c => c.BookingId == bookingId && c.Kind == kind && c.Status != ClaimStatus.Withdrawn, cancellationToken))
        {
            return Failure.Conflict("You already have a claim on this stay; one claim covers everything that went wrong.");
        }

        var claim = StayClaim.File(booking, kind, request.Reason!.Value, request.Description.Trim(), request.Amount, AnswerTime, now);
        db.Add(claim);
        if (kind == ClaimKind.Damage)
        {
            await GatewayCustomer.KeepForClaimsAsync(db, booking.GuestId, now + CardKeptForSettlement, cancellationToken);
        }

        var asked = $"{Currency.Format(claim.Amount, claim.Currency)} for the stay from {booking.CheckIn:yyyy-MM-dd}: {claim.Description} Accept or decline by {claim.AnswerBy:yyyy-MM-dd HH:mm} UTC; after that Roost decides.";
        Notify.Add(db, claim.AskedOf, "claim_filed", kind == ClaimKind.Damage ? "Your host asks you to pay for damage" : "Your guest asks for money back",
            (kind == ClaimKind.Damage ? "Your host asks " : "Your guest asks for ") + asked, Data(claim), now);
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

        var claims = await db.Set<StayClaim>().AsNoTracking().Where(c => c.BookingId == bookingId).OrderByDescending(c => c.CreatedAt).ToListAsync(cancellationToken);
        return claims.Select(ClaimResponse.From).ToList();
    }

    /// <summary>Every claim on the stays a user booked or hosted, newest first: their data export.</summary>
    public async Task<IReadOnlyList<ClaimResponse>> AllOfUserAsync(Guid userId, CancellationToken cancellationToken) =>
        [.. (await db.Set<StayClaim>().AsNoTracking().Where(c => c.HostId == userId || c.GuestId == userId)
            .OrderByDescending(c => c.CreatedAt).ToListAsync(cancellationToken)).Select(ClaimResponse.From)];

    /// <summary>
    /// The side asked accepts all of it: for damage the guest's card is charged and the host is paid with the next
    /// payout run; for a refund the guest's card gets it back out of what the host is owed for the stay.
    /// </summary>
    public Task<Outcome<ClaimResponse>> AcceptAsync(Guid bookingId, Guid claimId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ActAsync(bookingId, claimId, user, asker: false, cancellationToken, async (booking, claim, now) =>
        {
            if (claim.AcceptRefusal() is { } refused)
            {
                return refused;
            }

            var settled = await settlement.SettleAsync(booking, claim, claim.Amount, now);
            if (settled.Failure is { } failed)
            {
                return failed;
            }

            claim.Accepted(claim.Amount, settled.Value, now);
            Notify.Add(db, claim.FiledBy, "claim_accepted", "Your claim was accepted", claim.Kind == ClaimKind.Damage
                ? $"The guest paid {Currency.Format(claim.Amount, claim.Currency)}; it comes with your next payout."
                : $"The host agreed: {Currency.Format(claim.Amount, claim.Currency)} is refunded to your payment method.", Data(claim), now);
            return null;
        });

    public Task<Outcome<ClaimResponse>> DeclineAsync(Guid bookingId, Guid claimId, string? note, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ActAsync(bookingId, claimId, user, asker: false, cancellationToken, (_, claim, now) =>
        {
            if (claim.Decline(note?.Trim(), now) is { } refused)
            {
                return Task.FromResult<Failure?>(refused);
            }

            Notify.Add(db, claim.FiledBy, "claim_declined", $"The {(claim.Kind == ClaimKind.Damage ? "guest" : "host")} declined your claim",
                "You can ask Roost to decide: send the claim to us and we will look at what both of you sent.", Data(claim), now);
            return Task.FromResult<Failure?>(null);
        });

    public Task<Outcome<ClaimResponse>> EscalateAsync(Guid bookingId, Guid claimId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ActAsync(bookingId, claimId, user, asker: true, cancellationToken, (_, claim, now) =>
            claim.Escalate(now) is { } refused ? Task.FromResult<Failure?>(refused) : EscalatedAsync(claim, now));

    public Task<Outcome<ClaimResponse>> WithdrawAsync(Guid bookingId, Guid claimId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ActAsync(bookingId, claimId, user, asker: true, cancellationToken, (_, claim, now) =>
        {
            if (claim.Withdraw(now) is { } refused)
            {
                return Task.FromResult<Failure?>(refused);
            }

            Notify.Add(db, claim.AskedOf, "claim_withdrawn", "A claim was withdrawn", "There is nothing to answer.", Data(claim), now);
            return Task.FromResult<Failure?>(null);
        });

    private Failure? FilingRefusal(Booking booking, ClaimKind kind, FileClaimRequest request, DateTimeOffset now)
    {
        var reasons = kind == ClaimKind.Damage ? DamageReasons : RefundReasons;
        if (!reasons.Contains(request.Reason!.Value))
        {
            return Failure.Validation("reason", $"A {(kind == ClaimKind.Damage ? "host" : "guest")}'s claim is for {string.Join(", ", reasons.Select(r => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(r.ToString())))}.");
        }

        var tookPlace = booking.IsOver(now) || (booking.Status == BookingStatus.Confirmed && booking.IsUnderWay(now));
        if (kind == ClaimKind.Damage ? !booking.IsOver(now) : !tookPlace)
        {
            return Failure.Conflict(kind == ClaimKind.Damage
                ? "A host claims after the guest has checked out of a stay that took place."
                : "A guest claims from check-in on, for a stay that took place; before it, a change or a cancellation is the way.");
        }

        if (now > booking.CheckOutAt + FilingWindow)
        {
            return Failure.Conflict($"Claims are filed within {FilingWindow.Days} days of check-out; this stay ended on {booking.CheckOut:yyyy-MM-dd}.");
        }

        var most = kind == ClaimKind.Damage
            ? Math.Min(booking.Total * MaxTimesStayTotal, Currency.MaxAmount(booking.Currency))
            : booking.AmountCaptured - booking.AmountRefunded;
        return request.Amount > most
            ? Failure.Validation("amount", kind == ClaimKind.Damage
                ? $"At most {most} ({Currency.Format(most, booking.Currency)}) for this stay."
                : $"At most what you paid for the stay and have not had back: {most} ({Currency.Format(most, booking.Currency)}).")
            : null;
    }

    private async Task<Outcome<ClaimResponse>> ActAsync(
        Guid bookingId, Guid claimId, ClaimsPrincipal user, bool asker, CancellationToken cancellationToken, Func<Booking, StayClaim, DateTimeOffset, Task<Failure?>> act)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (booking, failure) = await LockAsync(bookingId, user, cancellationToken);
        var claim = booking is null ? null : await db.Set<StayClaim>().SingleOrDefaultAsync(c => c.Id == claimId && c.BookingId == bookingId, cancellationToken);
        if (booking is null || claim is null)
        {
            return failure ?? Failure.NotFound("The claim");
        }

        if (user.UserId() != (asker ? claim.FiledBy : claim.AskedOf))
        {
            return Failure.Forbidden(asker ? "Only whoever filed a claim sends it to Roost or withdraws it." : "The side a claim asks of answers it.");
        }

        var now = time.GetUtcNow();
        if (await act(booking, claim, now) is { } refused)
        {
            return refused;
        }

        await SaveAsync(booking, claim);
        await transaction.CommitAsync(CancellationToken.None);
        return ClaimResponse.From(claim);
    }

    /// <summary>Saves, and after a refund shrinks the host's open payouts for the stay to what they are still owed.</summary>
    private async Task SaveAsync(Booking booking, StayClaim claim)
    {
        await db.SaveChangesAsync(CancellationToken.None);
        if (claim.Kind == ClaimKind.Refund && claim.AmountSettled > 0)
        {
            await ledger.RevisePayoutsAsync(booking, CancellationToken.None);
        }
    }

    private async Task<(Booking? Booking, Failure? Failure)> LockAsync(Guid bookingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM bookings WHERE id = {bookingId} FOR UPDATE", cancellationToken);
        var booking = await db.Bookings.SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        return booking is not null && user.IsParticipantOrAdmin(booking.GuestId, booking.HostId) ? (booking, null) : (null, Failure.NotFound("The booking"));
    }

    private static object Data(StayClaim claim) => new { bookingId = claim.BookingId, claimId = claim.Id };
}
