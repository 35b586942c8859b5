using Microsoft.EntityFrameworkCore;
using Roost.Features.Payments;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Payments;

/// <summary>
/// What must hold of the books after anything that moves money, checked over the whole database: every transaction
/// sums to zero; for each booking, charged − refunded = host's share (owed + paid out) + platform revenue + taxes, and
/// agrees with the booking's own charged and refunded; money held at the gateway (but for what the host owes back),
/// platform revenue and taxes for a booking never go below zero.
/// </summary>
/// <summary>A test class whose tests move money: after each one, the books must still balance.</summary>
public abstract class MovesMoney : IAsyncLifetime
{
    protected abstract RoostApp Books { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Books.AssertLedgerHoldsAsync();
}

public static class LedgerInvariants
{
    private sealed record Unbalanced(Guid TransactionId, long Total);

    private sealed record BookingBooks(Guid BookingId, long Charged, long Refunded, long PaidOut, long HostOwed, long Platform, long Taxes, long Withheld, long DisputesLost, long BookingCaptured, long BookingRefunded);

    /// <summary>Each account's balance for one booking, as the books say (debits positive, credits negative).</summary>
    public static Task<Dictionary<LedgerAccount, long>> LedgerBalancesAsync(this RoostApp app, Guid bookingId) => app.WithDbAsync(db => db.Set<LedgerEntry>()
        .Where(e => e.BookingId == bookingId).GroupBy(e => e.Account).ToDictionaryAsync(g => g.Key, g => g.Sum(e => e.Amount)));

    public static async Task AssertLedgerHoldsAsync(this RoostApp app)
    {
        var unbalanced = await app.WithDbAsync(db => db.Database.SqlQueryRaw<Unbalanced>(
            "SELECT transaction_id AS transaction_id, sum(amount)::bigint AS total FROM ledger_entries GROUP BY transaction_id HAVING sum(amount) <> 0").ToListAsync());
        unbalanced.ShouldBeEmpty("every ledger transaction sums to zero");

        var books = await app.WithDbAsync(db => db.Database.SqlQueryRaw<BookingBooks>(
            """
            SELECT e.booking_id AS booking_id,
                   coalesce(sum(e.amount) FILTER (WHERE e.account = 'Gateway' AND t.kind = 'charge'), 0)::bigint AS charged,
                   coalesce(-sum(e.amount) FILTER (WHERE e.account = 'Gateway' AND t.kind = 'refund'), 0)::bigint AS refunded,
                   coalesce(-sum(e.amount) FILTER (WHERE e.account = 'Gateway' AND t.kind = 'payout'), 0)::bigint AS paid_out,
                   coalesce(-sum(e.amount) FILTER (WHERE e.account = 'HostPayable'), 0)::bigint AS host_owed,
                   coalesce(-sum(e.amount) FILTER (WHERE e.account = 'PlatformRevenue'), 0)::bigint AS platform,
                   coalesce(-sum(e.amount) FILTER (WHERE e.account = 'TaxesPayable'), 0)::bigint AS taxes,
                   coalesce(sum(e.amount) FILTER (WHERE t.kind = 'penalty_withheld'), 0)::bigint AS withheld,
                   coalesce(-sum(e.amount) FILTER (WHERE e.account = 'Gateway' AND t.kind = 'dispute_lost'), 0)::bigint AS disputes_lost,
                   b.amount_captured AS booking_captured,
                   b.amount_refunded AS booking_refunded
              FROM ledger_transactions t
              JOIN ledger_entries e ON e.transaction_id = t.id
              JOIN bookings b ON b.id = e.booking_id
             GROUP BY e.booking_id, b.amount_captured, b.amount_refunded
            """).ToListAsync());
        foreach (var b in books)
        {
            b.ShouldSatisfyAllConditions(
                // A penalty kept back from one booking's payout moves host money from that booking to the one that owed it.
                // A lost chargeback takes money back out of the platform's share.
                () => (b.Charged - b.Refunded - b.DisputesLost).ShouldBe(b.HostOwed + b.PaidOut + b.Platform + b.Taxes + b.Withheld, $"booking {b.BookingId}: charged − refunded − chargebacks lost = host + platform + taxes (+ penalties withheld)"),
                () => b.Charged.ShouldBe(b.BookingCaptured, $"booking {b.BookingId}: the ledger's charge is the booking's"),
                () => b.Refunded.ShouldBe(b.BookingRefunded, $"booking {b.BookingId}: the ledger's refunds are the booking's"),
                // Out beyond what came in only by what the host still owes back (a refund after their payout went,
                // which their later payouts repay; what those kept back for it already counts as in).
                () => (b.Charged - b.Refunded - b.DisputesLost - b.PaidOut - b.Withheld).ShouldBeGreaterThanOrEqualTo(Math.Min(0, b.HostOwed), $"booking {b.BookingId}: never more out than in, but for the host's debt"),
                () => (b.Platform + b.DisputesLost).ShouldBeGreaterThanOrEqualTo(0, $"booking {b.BookingId}: platform revenue before chargebacks"),
                () => b.Taxes.ShouldBeGreaterThanOrEqualTo(0, $"booking {b.BookingId}: taxes held"));
        }
    }
}
