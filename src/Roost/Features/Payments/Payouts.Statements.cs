using Microsoft.EntityFrameworkCore;
using Roost.Platform.Http;
using Roost.Platform.Money;

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

/// <summary>The host's payouts as they see them.</summary>
public sealed partial class Payouts
{
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

}
