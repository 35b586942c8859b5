using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roost.Platform.Data;
using Roost.Platform.Http;
using Roost.Platform.Money;
using Roost.Platform.Notifications;

namespace Roost.Features.Payments;

/// <param name="Withheld">
/// Kept back from this payout for the host's cancellation penalties on other stays; before it is sent, what it is expected
/// to keep back.
/// </param>
/// <param name="PaidAs">host (the listing's), or cohost: a co-host's share of the host payout, paid to them directly.</param>
/// <param name="SharedWithCoHosts">On a host's payout, the co-hosts' parts of the same installment, paid to them beside it.</param>
public sealed record PayoutResponse(
    Guid Id, PayoutStatus Status, Money Amount, Money Withheld, DateTimeOffset DueAt, DateTimeOffset? PaidAt, int Attempts, string? LastError,
    IReadOnlyList<Guid> Bookings, string? GatewayPayoutId, string PaidAs, Money SharedWithCoHosts);

public sealed record PayoutCursor(DateTimeOffset DueAt, Guid Id);

/// <summary>Scheduling, revising and sending host payouts.</summary>
public sealed class Payouts(RoostDb db, IPaymentGateway gateway, IOptions<PaymentOptions> options, TimeProvider time, ILogger<Payouts> logger)
{
    public const int LongStayNights = 28;
    private const int NightsPerInstallment = 30;

    /// <summary>
    /// Due <see cref="PaymentOptions.PayoutDelay"/> after check-in; a stay of 28 nights or more is paid a month at a
    /// time (one payout per 30 nights, each due that long after check-in), so the host is paid as the guest stays.
    /// Co-hosts with a share get theirs of each installment, at the same time, as payouts of their own.
    /// </summary>
    public void Schedule(LedgerParty party, long hostShare, IReadOnlyList<PayoutShare> coHostShares, DateTimeOffset checkIn, int nights, DateTimeOffset now)
    {
        var delay = options.Value.PayoutDelay;
        var installments = nights >= LongStayNights ? (nights + NightsPerInstallment - 1) / NightsPerInstallment : 1;
        long scheduled = 0;
        for (var i = 0; i < installments; i++)
        {
            var nightsSoFar = Math.Min(nights, (i + 1) * NightsPerInstallment);
            var upTo = i == installments - 1 ? hostShare : MoneyMath.Share(hostShare, nightsSoFar, nights);
            AddSplit(party, coHostShares, i, upTo - scheduled, checkIn + delay + TimeSpan.FromDays(i * NightsPerInstallment), now, firstOfStay: i == 0);
            scheduled = upTo;
        }
    }

    /// <summary>
    /// Money owed to the host for a booking beyond what was scheduled (a longer stay, a damage claim paid): one more
    /// payout, due now, split with the co-hosts given.
    /// </summary>
    public async Task ScheduleExtraAsync(LedgerParty party, long amount, IReadOnlyList<PayoutShare> coHostShares, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var next = await db.Set<Payout>().Where(p => p.BookingId == party.BookingId).MaxAsync(p => (int?)p.Installment, cancellationToken) ?? -1;
        AddSplit(party, coHostShares, next + 1, amount, now, now, firstOfStay: false);
    }

    /// <summary>
    /// One installment of the host payout: each co-host's percent of it (rounded as every amount is), then, in a stay's
    /// first installment, each fixed amount out of what is left, and the rest to the host. Nobody gets more than is left.
    /// </summary>
    public static IEnumerable<(Guid? CoHostId, long Amount)> Split(long amount, IReadOnlyList<PayoutShare> coHostShares, bool firstOfStay = true)
    {
        var left = amount;
        var parts = new Dictionary<Guid, long>();
        foreach (var share in coHostShares.Where(s => s.Percent > 0))
        {
            var part = Math.Min(left, MoneyMath.Percent(amount, share.Percent));
            left -= part;
            parts[share.CoHostId] = part;
        }

        foreach (var share in coHostShares.Where(s => s.Amount > 0 && firstOfStay))
        {
            var part = Math.Min(left, share.Amount);
            left -= part;
            parts[share.CoHostId] = parts.GetValueOrDefault(share.CoHostId) + part;
        }

        foreach (var share in coHostShares)
        {
            yield return (share.CoHostId, parts.GetValueOrDefault(share.CoHostId));
        }

        yield return (null, left);
    }

    private void AddSplit(LedgerParty party, IReadOnlyList<PayoutShare> coHostShares, int installment, long amount, DateTimeOffset dueAt, DateTimeOffset now, bool firstOfStay)
    {
        foreach (var (coHostId, part) in Split(amount, coHostShares, firstOfStay))
        {
            // A payee with nothing of this installment (a co-host given it all, a share that rounds to nothing) gets no empty payout.
            if (part > 0 || (coHostId is null && amount == 0))
            {
                db.Add(Payout.Create(party, coHostId, installment, part, dueAt, now));
            }
        }
    }

    /// <summary>
    /// A booking's dates or price changed before any of its payouts was tried: they are replaced by the new schedule.
    /// False (and nothing changes) if one was already sent or attempted.
    /// </summary>
    public async Task<bool> RescheduleAsync(
        LedgerParty party, long hostShare, IReadOnlyList<PayoutShare> coHostShares, DateTimeOffset checkIn, int nights, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var payouts = db.Set<Payout>().Where(p => p.BookingId == party.BookingId);
        if (await payouts.AnyAsync(p => p.Status != PayoutStatus.Scheduled || p.Attempts > 0, cancellationToken))
        {
            return false;
        }

        await payouts.ExecuteDeleteAsync(cancellationToken);
        Schedule(party, hostShare, coHostShares, checkIn, nights, now);
        return true;
    }

    /// <summary>
    /// After a refund or penalty, the open payouts of a booking shrink (the last ones first) to what the host is
    /// still owed, so a host never sees a payout that will not come. Call after the change is saved. When co-hosts
    /// share the payout, each payee keeps the same fraction of what they still had to come: a refund of nights costs
    /// a co-host their share of it, no more.
    /// </summary>
    /// <param name="yetToBeCharged">The host's part of what the guest is still to pay for the stay (charged later).</param>
    public async Task ReviseAsync(Guid bookingId, long yetToBeCharged, CancellationToken cancellationToken)
    {
        var owed = Math.Max(0, await Ledger.HostBalanceAsync(db, bookingId, cancellationToken) + yetToBeCharged);
        var open = await db.Set<Payout>().Where(p => p.BookingId == bookingId && (p.Status == PayoutStatus.Scheduled || p.Status == PayoutStatus.Failed))
            .OrderBy(p => p.Installment).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var stillToCome = open.Sum(p => p.Amount);
        if (stillToCome > owed)
        {
            var payees = open.GroupBy(p => p.HostId).Select(g => (Payouts: g.ToList(), Open: g.Sum(p => p.Amount))).ToList();
            var keep = payees.Select(p => MoneyMath.Share(p.Open, owed, stillToCome)).ToArray();
            // Rounding each part may miss the total by a unit or two: the host's own payouts (or else the first payee's) take the difference.
            var settles = Math.Max(0, payees.FindIndex(p => p.Payouts[0].ShareOfHostId is null));
            keep[settles] = Math.Clamp(keep[settles] + owed - keep.Sum(), 0, payees[settles].Open);
            for (var i = 0; i < payees.Count; i++)
            {
                foreach (var payout in payees[i].Payouts)
                {
                    var amount = Math.Min(payout.Amount, keep[i]);
                    if (amount != payout.Amount)
                    {
                        payout.Resize(amount, now);
                    }

                    keep[i] -= amount;
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

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

    /// <summary>
    /// The host's payouts, latest first. One not yet sent shows what it is expected to keep back for the host's debts
    /// (and so the smaller amount it will bring), as they stand now: the host sees the deduction before it happens.
    /// </summary>
    public async Task<Page<PayoutResponse>> ListAsync(Guid hostId, int limit, PayoutCursor? after, CancellationToken cancellationToken)
    {
        var query = db.Set<Payout>().AsNoTracking().Where(p => p.HostId == hostId);
        if (after is not null)
        {
            query = query.Where(p => p.DueAt < after.DueAt || (p.DueAt == after.DueAt && p.Id.CompareTo(after.Id) < 0));
        }

        var rows = await query.OrderByDescending(p => p.DueAt).ThenByDescending(p => p.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var expected = rows.Take(limit).Any(p => p.IsOpen) ? await ExpectedWithholdingAsync(hostId, cancellationToken) : [];
        var shared = await SharedWithCoHostsAsync(hostId, [.. rows.Take(limit).Where(p => p.ShareOfHostId is null).Select(p => p.BookingId)], cancellationToken);
        var page = rows.Take(limit).Select(p =>
        {
            var keptBack = expected.GetValueOrDefault(p.Id);
            return new PayoutResponse(p.Id, p.Status, new Money(p.Amount - keptBack, p.Currency), new Money(p.Withheld + keptBack, p.Currency),
                p.DueAt, p.PaidAt, p.Attempts, p.LastError, [p.BookingId], p.GatewayPayoutId, p.ShareOfHostId is null ? "host" : "cohost",
                new Money(p.ShareOfHostId is null ? shared.GetValueOrDefault((p.BookingId, p.Installment)) : 0, p.Currency));
        }).ToList();
        return new Page<PayoutResponse>(page, rows.Count > limit ? Cursor.Encode(new PayoutCursor(rows[limit - 1].DueAt, rows[limit - 1].Id)) : null);
    }

    /// <summary>The co-hosts' parts of these bookings' host payouts, by installment.</summary>
    private async Task<Dictionary<(Guid BookingId, int Installment), long>> SharedWithCoHostsAsync(Guid hostId, Guid[] bookingIds, CancellationToken cancellationToken)
    {
        if (bookingIds.Length == 0)
        {
            return [];
        }

        var parts = await db.Set<Payout>().AsNoTracking()
            .Where(p => bookingIds.Contains(p.BookingId) && p.ShareOfHostId == hostId)
            .GroupBy(p => new { p.BookingId, p.Installment })
            .Select(g => new { g.Key.BookingId, g.Key.Installment, Amount = g.Sum(p => p.Amount) })
            .ToListAsync(cancellationToken);
        return parts.ToDictionary(p => (p.BookingId, p.Installment), p => p.Amount);
    }

    /// <summary>What each open payout of the host would keep back if they went out in order with today's debts.</summary>
    private async Task<Dictionary<Guid, long>> ExpectedWithholdingAsync(Guid hostId, CancellationToken cancellationToken)
    {
        var debts = await DebtsAsync(hostId, currency: null, cancellationToken);
        if (debts.Count == 0)
        {
            return [];
        }

        var open = await db.Set<Payout>().AsNoTracking()
            .Where(p => p.HostId == hostId && p.ShareOfHostId == null && (p.Status == PayoutStatus.Scheduled || (p.Status == PayoutStatus.Failed && p.NextAttemptAt != null)))
            .OrderBy(p => p.DueAt).ThenBy(p => p.Id)
            .ToListAsync(cancellationToken);
        var expected = new Dictionary<Guid, long>();
        var settled = new Dictionary<Guid, long>();
        foreach (var payout in open)
        {
            var left = debts.Select(d => d with { Owed = d.Owed - settled.GetValueOrDefault(d.BookingId) });
            foreach (var (debt, amount) in Settle(left, payout, payout.Amount))
            {
                settled[debt.BookingId] = settled.GetValueOrDefault(debt.BookingId) + amount;
                expected[payout.Id] = expected.GetValueOrDefault(payout.Id) + amount;
            }
        }

        return expected;
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
