using Microsoft.EntityFrameworkCore;
using Roost.Platform.Money;
using Roost.Platform.Notifications;

namespace Roost.Features.Payments;

/// <summary>Sending payouts: the job, what each keeps back for the host's debts, and the gateway's confirmation of a transfer.</summary>
public sealed partial class Payouts
{
    /// <summary>The job: every due payout, each under its own row lock (SKIP LOCKED, so two workers share the work).</summary>
    public async Task SendDueAsync()
    {
        var now = time.GetUtcNow();
        var holds = db.Set<PayoutHold>();
        var due = await db.Set<Payout>().AsNoTracking()
            .Where(p => (p.Status == PayoutStatus.Scheduled && p.DueAt <= now) || (p.Status == PayoutStatus.Failed && p.NextAttemptAt <= now))
            .Where(p => !holds.Any(h => h.HostId == p.HostId || h.HostId == p.ShareOfHostId))
            .OrderBy(p => p.DueAt).Select(p => p.Id).Take(500).ToListAsync();
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            await SendAsync(id, CancellationToken.None);
        }
    }

    public async Task SendAsync(Guid payoutId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM payouts WHERE id = {payoutId} FOR UPDATE SKIP LOCKED").ToListAsync(cancellationToken);
        var payout = locked.Count == 0 ? null : await db.Set<Payout>().SingleAsync(p => p.Id == payoutId, cancellationToken);
        var now = time.GetUtcNow();
        if (payout is null || !payout.IsOpen || (payout.Status == PayoutStatus.Failed && payout.NextAttemptAt is null))
        {
            return;
        }

        // A hold placed since the payout was picked still stops it; it stays due for the run after the hold is lifted.
        // A held host's co-hosts wait too: the hold is on the host's stays.
        if (await db.Set<PayoutHold>().AnyAsync(h => h.HostId == payout.HostId || h.HostId == payout.ShareOfHostId, cancellationToken))
        {
            return;
        }

        // Never more than the booking still owes its host: a refund since scheduling lowers it, and so does what the
        // host owes for stays they cancelled, which is kept back first — from the host's own part: what the co-hosts
        // are still to be paid of the stay is theirs, not the host's to settle debts with.
        // One stay's payouts (the host's part and the co-hosts') go one at a time, so each reads the balance and the
        // others' open parts as the last one left them, never one half-sent.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"booking-payouts:" + payout.BookingId}, 0))", cancellationToken);
        var owed = payout.ShareOfHostId is null
            ? await HostPartOwedAsync(payout, cancellationToken)
            : await Ledger.HostBalanceAsync(db, payout.BookingId, cancellationToken);
        if (payout.ShareOfHostId is null)
        {
            owed -= await WithholdPenaltiesAsync(payout, Math.Min(payout.Amount, owed), now, cancellationToken);
        }

        if (Math.Min(payout.Amount, owed) <= 0)
        {
            payout.Resize(0, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        var amount = Math.Min(payout.Amount, owed);
        var destination = await db.Set<PayoutAccount>().Where(a => a.HostId == payout.HostId).Select(a => a.GatewayAccountId).SingleOrDefaultAsync(cancellationToken);
        var description = payout.ShareOfHostId is null ? $"Roost payout for booking {payout.BookingId}" : $"Roost co-host payout for booking {payout.BookingId}";
        var result = await gateway.PayoutAsync(
            new PayoutRequest(amount, payout.Currency, destination, $"payout:{payout.Id}", description, payout.Id.ToString()),
            cancellationToken);
        if (result.Succeeded)
        {
            if (amount != payout.Amount)
            {
                payout.Resize(amount, now);
            }

            Complete(payout, result.PayoutId!, now);
        }
        else
        {
            var retryAt = payout.Attempts + 1 < options.Value.PayoutMaxAttempts
                ? now + options.Value.PayoutFirstRetry * Math.Pow(2, payout.Attempts)
                : (DateTimeOffset?)null;
            payout.AttemptFailed($"{result.ErrorCode}: {result.Message}", retryAt, now);
            // The alert: an error-level event that log-based alerting picks up, and a note to the host.
            logger.LogError("ALERT payout {PayoutId} of {Amount} {Currency} to host {HostId} failed (attempt {Attempts}): {Error}; next try {RetryAt}",
                payout.Id, amount, payout.Currency, payout.HostId, payout.Attempts, result.Message, retryAt);
            Notify.Add(db, payout.HostId, "payout_failed", "A payout to you failed",
                retryAt is null ? $"We could not send {Currency.Format(amount, payout.Currency)}; our team will contact you." : $"We could not send {Currency.Format(amount, payout.Currency)}; we will try again.",
                new { payoutId = payout.Id, bookingId = payout.BookingId }, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// What the stay still owes its host less the co-hosts' parts still to go, read in one statement (one snapshot): a
    /// co-host's part sent in between could not be counted in one figure and not the other, lock or no lock.
    /// </summary>
    private Task<long> HostPartOwedAsync(Payout hostPart, CancellationToken cancellationToken)
    {
        var bookingId = hostPart.BookingId;
        var entries = db.Set<LedgerEntry>();
        var coHostParts = db.Set<Payout>().Where(p => p.BookingId == bookingId && p.ShareOfHostId != null && (p.Status == PayoutStatus.Scheduled || p.Status == PayoutStatus.Failed));
        return db.Set<Payout>().Where(p => p.Id == hostPart.Id)
            .Select(_ => -entries.Where(e => e.BookingId == bookingId && e.Account == LedgerAccount.HostPayable).Sum(e => e.Amount) - coHostParts.Sum(p => p.Amount))
            .SingleAsync(cancellationToken);
    }

    /// <summary>
    /// Settles, oldest first and up to <paramref name="available"/>, the host's debts in this currency on other
    /// bookings (host cancellation penalties), from this payout. Returns how much was kept back.
    /// </summary>
    private async Task<long> WithholdPenaltiesAsync(Payout payout, long available, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (available <= 0)
        {
            return 0;
        }

        // One host's payouts take turns here, so two workers never both settle the same debt.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"host-payouts:" + payout.HostId}, 0))", cancellationToken);
        var debts = await DebtsAsync(payout.HostId, payout.Currency, cancellationToken);
        long withheld = 0;
        foreach (var (debt, amount) in Settle(debts, payout, available))
        {
            Ledger.WithholdPenalty(db, payout.Party, debt.BookingId, payout.Id, amount, now);
            withheld += amount;
        }

        if (withheld > 0)
        {
            payout.KeepBack(withheld, now);
            logger.LogInformation("Payout {PayoutId} keeps back {Amount} {Currency} the host owes for cancelled stays", payout.Id, withheld, payout.Currency);
            Notify.Add(db, payout.HostId, "payout_withheld", "Part of a payout settled a penalty",
                $"{Currency.Format(withheld, payout.Currency)} of your next payout covers the penalty for a stay you cancelled.",
                new { payoutId = payout.Id, bookingId = payout.BookingId }, now);
        }

        return withheld;
    }

    /// <summary>The gateway reports a transfer we made: if our commit was lost after the gateway paid, this lands it.</summary>
    public async Task ConfirmSentAsync(Guid payoutId, string gatewayPayoutId, long amount, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM payouts WHERE id = {payoutId} FOR UPDATE", cancellationToken);
        var payout = await db.Set<Payout>().SingleOrDefaultAsync(p => p.Id == payoutId, cancellationToken);
        if (payout is null || !payout.IsOpen)
        {
            return;
        }

        payout.Resize(amount, time.GetUtcNow());
        Complete(payout, gatewayPayoutId, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record HostDebt(Guid BookingId, string Currency, long Owed);

    /// <summary>
    /// What the host owes back on each booking (penalties for stays they cancelled, refunds made after their payout
    /// went out), oldest first.
    /// </summary>
    private async Task<List<HostDebt>> DebtsAsync(Guid hostId, string? currency, CancellationToken cancellationToken)
    {
        var entries = db.Set<LedgerEntry>().Where(e => e.HostId == hostId && e.Account == LedgerAccount.HostPayable);
        if (currency is not null)
        {
            entries = entries.Where(e => e.Currency == currency);
        }

        var debts = await entries
            .GroupBy(e => new { e.BookingId, e.Currency })
            .Select(g => new { BookingId = g.Key.BookingId!.Value, g.Key.Currency, Owed = g.Sum(e => e.Amount), Since = g.Min(e => e.Id) })
            .Where(d => d.Owed > 0)
            .OrderBy(d => d.Since)
            .ToListAsync(cancellationToken);
        return debts.Select(d => new HostDebt(d.BookingId, d.Currency, d.Owed)).ToList();
    }

    /// <summary>Which debts a payout settles, oldest first, up to <paramref name="available"/>: those in its currency on other bookings.</summary>
    private static IEnumerable<(HostDebt Debt, long Amount)> Settle(IEnumerable<HostDebt> debts, Payout payout, long available)
    {
        foreach (var debt in debts.Where(d => d.Currency == payout.Currency && d.BookingId != payout.BookingId && d.Owed > 0))
        {
            var amount = Math.Min(debt.Owed, available);
            if (amount <= 0)
            {
                yield break;
            }

            available -= amount;
            yield return (debt, amount);
        }
    }

    private void Complete(Payout payout, string gatewayPayoutId, DateTimeOffset now)
    {
        payout.Paid(gatewayPayoutId, now);
        Ledger.Payout(db, payout.Party, payout.Id, gatewayPayoutId, payout.Amount, now, payout.ShareOfHostId is null ? null : $"co-host {payout.HostId}'s share");
        Notify.Add(db, payout.HostId, "payout_sent", "You have been paid", $"{Currency.Format(payout.Amount, payout.Currency)} is on its way to your account.",
            new { payoutId = payout.Id, bookingId = payout.BookingId }, now);
        logger.LogInformation("Payout {PayoutId} of {Amount} {Currency} sent as {GatewayPayoutId}", payout.Id, payout.Amount, payout.Currency, gatewayPayoutId);
    }
}
