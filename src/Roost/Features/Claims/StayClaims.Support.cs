using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Features.Bookings;
using Roost.Platform.Audit;
using Roost.Platform.Errors;
using Roost.Platform.Http;
using Roost.Platform.Money;
using Roost.Platform.Notifications;

namespace Roost.Features.Claims;

/// <summary>Roost's part: deciding escalated claims, their queue, and sending unanswered ones up by themselves.</summary>
public sealed partial class StayClaims
{
    /// <summary>Roost decides an escalated claim: grants all or part of it (the money moves as on acceptance) or rejects it.</summary>
    public async Task<Outcome<ClaimResponse>> DecideAsync(Guid claimId, DecideClaimRequest request, Guid adminId, CancellationToken cancellationToken)
    {
        var bookingId = await db.Set<StayClaim>().Where(c => c.Id == claimId).Select(c => (Guid?)c.BookingId).SingleOrDefaultAsync(cancellationToken);
        if (bookingId is null)
        {
            return Failure.NotFound("The claim");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM bookings WHERE id = {bookingId} FOR UPDATE", cancellationToken);
        var booking = await db.Bookings.SingleAsync(b => b.Id == bookingId, cancellationToken);
        var claim = await db.Set<StayClaim>().SingleAsync(c => c.Id == claimId, cancellationToken);
        var granted = request.Approve == true ? request.Amount ?? claim.Amount : 0;
        if (claim.DecisionRefusal(granted) is { } refused)
        {
            return refused;
        }

        var now = time.GetUtcNow();
        var note = request.Note.Trim();
        if (granted > 0)
        {
            var settled = await settlement.SettleAsync(booking, claim, granted, now);
            if (settled.Failure is { } failed)
            {
                return failed;
            }

            claim.Approved(granted, settled.Value, adminId, note, now);
        }
        else
        {
            claim.Rejected(adminId, note, now);
        }

        var outcome = granted > 0 ? $"Roost granted {Currency.Format(granted, claim.Currency)} of the claim: {note}" : $"Roost rejected the claim: {note}";
        var moved = claim.Kind == ClaimKind.Damage ? " The guest's payment method was charged." : " It is refunded to the guest's payment method.";
        Notify.Add(db, claim.FiledBy, "claim_decided", "Roost decided your claim", granted > 0 ? outcome + moved : outcome, Data(claim), now);
        Notify.Add(db, claim.AskedOf, "claim_decided", "Roost decided a claim on your stay", granted > 0 ? outcome + moved : outcome, Data(claim), now);
        Audit.Add(db, adminId, granted > 0 ? "approve_claim" : "reject_claim", claim.Id, outcome, now);
        await SaveAsync(booking, claim);
        await transaction.CommitAsync(CancellationToken.None);
        return ClaimResponse.From(claim);
    }

    /// <summary>Admins' queue: claims by status (default escalated), oldest change first.</summary>
    public async Task<Page<ClaimResponse>> QueueAsync(ClaimStatus status, int limit, ClaimsCursor? after, CancellationToken cancellationToken)
    {
        var query = db.Set<StayClaim>().AsNoTracking().Where(c => c.Status == status);
        if (after is not null)
        {
            query = query.Where(c => c.UpdatedAt > after.UpdatedAt || (c.UpdatedAt == after.UpdatedAt && c.Id.CompareTo(after.Id) > 0));
        }

        var rows = await query.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return new Page<ClaimResponse>(
            [.. rows.Take(limit).Select(ClaimResponse.From)],
            rows.Count > limit ? Cursor.Encode(new ClaimsCursor(rows[limit - 1].UpdatedAt, rows[limit - 1].Id)) : null);
    }

    /// <summary>The job: a claim left unanswered goes to Roost. Under the booking's lock, skipping one being answered.</summary>
    public async Task EscalateUnansweredAsync()
    {
        var now = time.GetUtcNow();
        var due = await db.Set<StayClaim>().AsNoTracking().Where(c => c.Status == ClaimStatus.Open && c.AnswerBy <= now)
            .OrderBy(c => c.AnswerBy).Select(c => new { c.Id, c.BookingId }).Take(500).ToListAsync();
        foreach (var item in due)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM bookings WHERE id = {item.BookingId} FOR UPDATE SKIP LOCKED").ToListAsync();
            var claim = locked.Count == 0 ? null : await db.Set<StayClaim>().SingleAsync(c => c.Id == item.Id);
            if (claim is null || claim.Status != ClaimStatus.Open || claim.Escalate(now) is not null)
            {
                continue;
            }

            await EscalatedAsync(claim, now);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
    }

    private async Task<Failure?> EscalatedAsync(StayClaim claim, DateTimeOffset now)
    {
        var admins = await AccountDirectory.ActiveAdmins(db).Select(u => u.Id).ToListAsync();
        var who = claim.Kind == ClaimKind.Damage ? "guest" : "host";
        foreach (var admin in admins)
        {
            Notify.Add(db, admin, "claim_escalated", "A claim waits for a decision",
                $"{Currency.Format(claim.Amount, claim.Currency)} asked ({claim.Kind}: {claim.Reason}); the {who} {(claim.AnswerNote is null ? "did not answer" : "declined: " + claim.AnswerNote)}.", Data(claim), now);
        }

        Notify.Add(db, claim.AskedOf, "claim_escalated", "Roost will decide a claim on your stay",
            "It was sent to Roost to decide. We look at what both of you sent and tell you both.", Data(claim), now);
        return null;
    }
}
