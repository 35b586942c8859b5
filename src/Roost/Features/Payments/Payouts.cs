using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roost.Platform.Data;
using Roost.Platform.Money;

namespace Roost.Features.Payments;

/// <summary>Scheduling host payouts when a stay is charged, and revising them when it changes or is refunded; sending them is in Payouts.Sending.cs, the host's list in Payouts.Statements.cs.</summary>
public sealed partial class Payouts(RoostDb db, IPaymentGateway gateway, IOptions<PaymentOptions> options, TimeProvider time, ILogger<Payouts> logger)
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
    /// payout, due now, split with the co-hosts given. What the host already owes back on the same stay (a refund
    /// after their payout went) comes off it first, so the payout shows what will really be sent.
    /// </summary>
    /// <remarks>Called before the new money's own entries are saved: the books read here are the stay's before it.</remarks>
    public async Task ScheduleExtraAsync(LedgerParty party, long amount, IReadOnlyList<PayoutShare> coHostShares, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var owedBack = Math.Max(0, -await Ledger.HostBalanceAsync(db, party.BookingId, cancellationToken));
        if (amount - owedBack <= 0)
        {
            return;
        }

        var next = await db.Set<Payout>().Where(p => p.BookingId == party.BookingId).MaxAsync(p => (int?)p.Installment, cancellationToken) ?? -1;
        AddSplit(party, coHostShares, next + 1, amount - owedBack, now, now, firstOfStay: false);
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
}
