using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Bookings;
using Roost.Features.Calendar;
using Roost.Features.Payments;
using Roost.Platform.Http;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Payments;

/// <summary>What the walk checks after each step, read from the database and the API.</summary>
public sealed partial class MoneyWalk
{
    /// <summary>
    /// What the books owe the booking's host (and co-hosts) now, what its payouts not yet sent add up to, and whether
    /// the rest of its price is still to be charged (its payouts then wait for money not yet in the books).
    /// </summary>
    public Task<(long Owed, long Open, bool OwesRest)> HostSideAsync(Guid bookingId) => app.WithDbAsync(async db =>
    {
        var owed = -await db.Set<LedgerEntry>().Where(e => e.BookingId == bookingId && e.Account == LedgerAccount.HostPayable).SumAsync(e => e.Amount);
        var open = await db.Set<Payout>().Where(p => p.BookingId == bookingId && (p.Status == PayoutStatus.Scheduled || p.Status == PayoutStatus.Failed)).SumAsync(p => p.Amount);
        var owesRest = await db.Bookings.Where(b => b.Id == bookingId).Select(b => b.BalanceAmount > 0).SingleAsync();
        return (owed, open, owesRest);
    });

    /// <summary>Each booking's ledger, transaction by transaction, to read beside the walk that broke it.</summary>
    public Task<string> BooksAsync(IEnumerable<Guid> bookingIds) => app.WithDbAsync(async db =>
    {
        var ids = bookingIds.ToList();
        var entries = await db.Set<LedgerEntry>().AsNoTracking().Where(e => e.BookingId != null && ids.Contains(e.BookingId.Value))
            .Join(db.Set<LedgerTransaction>(), e => e.TransactionId, t => t.Id, (e, t) => new { e.BookingId, e.Id, t.Kind, t.Reference, e.Account, e.Amount })
            .OrderBy(e => e.BookingId).ThenBy(e => e.Id).ToListAsync();
        return string.Join('\n', entries.GroupBy(e => e.BookingId).Select(b =>
            $"booking {b.Key}:\n" + string.Join('\n', b.GroupBy(e => (e.Kind, e.Reference)).Select(t => $"  {t.Key.Kind} {t.Key.Reference}: {string.Join(", ", t.Select(e => $"{e.Account} {e.Amount}"))}"))));
    });

    /// <summary>What the booking says it holds (charged − refunded), and what the gateway's payments for it hold.</summary>
    public Task<(long Booked, long Gateway)> HeldAsync(Guid bookingId) => app.WithDbAsync(async db =>
    {
        var booking = await db.Bookings.AsNoTracking().Where(b => b.Id == bookingId).Select(b => b.AmountCaptured - b.AmountRefunded).SingleAsync();
        var prefix = bookingId.ToString();
        var gateway = await db.Set<SandboxIntent>().AsNoTracking()
            .Where(i => i.Reference != null && i.Reference.StartsWith(prefix))
            .SumAsync(i => i.AmountCaptured - i.AmountRefunded);
        return (booking, gateway);
    });

    /// <summary>
    /// The guest's receipt, a read of its own, tells the same story as the booking: its lines add up to its total, its
    /// payments to what was charged and refunded, and what the guest is out of pocket is the difference. And the
    /// booking's history ends where it stands.
    /// </summary>
    public async Task ReceiptAgreesAsync(Guid bookingId, string story)
    {
        // Its history too: each transition leaves from where the last one arrived, and the last is where it stands.
        var stay = await ReadAsync(bookingId);
        stay.Transitions.Zip(stay.Transitions.Skip(1)).ShouldAllBe(t => t.Second.From == t.First.To, $"booking {bookingId}'s history is one chain. {story}");
        stay.Transitions[^1].To.ShouldBe(stay.Status, $"booking {bookingId} stands where its history ends. {story}");
        // GraphQL's door reads the same room.
        var graph = (await admin.Client.GraphQLAsync("query($id: ID!) { booking(id: $id) { status charged { amount } refunded { amount } balance { amount { amount } } } }", new { id = bookingId })).ShouldSucceed();
        var seen = graph.Data.GetProperty("booking");
        (seen.GetProperty("status").GetString(), seen.GetProperty("charged").GetProperty("amount").GetInt64(), seen.GetProperty("refunded").GetProperty("amount").GetInt64(),
                seen.GetProperty("balance").ValueKind == JsonValueKind.Null ? 0 : seen.GetProperty("balance").GetProperty("amount").GetProperty("amount").GetInt64())
            .ShouldBe((JsonNamingPolicy.SnakeCaseUpper.ConvertName(stay.Status.ToString()), stay.Charged.Amount, stay.Refunded.Amount, stay.Balance?.Amount.Amount ?? 0), $"GraphQL shows booking {bookingId} as REST does. {story}");

        var response = await admin.Client.GetAsync($"/api/v1/bookings/{bookingId}/receipt");
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return;
        }

        var receipt = await response.ReadAsync<Receipt>();
        var booking = await ReadAsync(bookingId);
        receipt.ShouldSatisfyAllConditions(
            () => receipt.Lines.Sum(l => l.Amount.Amount).ShouldBe(receipt.Total.Amount, $"the receipt's lines add up to its total. {story}"),
            () => receipt.Total.ShouldBe(booking.Quote.Total, $"the receipt's total is the stay's as it stands. {story}"),
            () => receipt.Charged.ShouldBe(booking.Charged, $"the receipt's charges are the booking's. {story}"),
            () => receipt.Refunded.ShouldBe(booking.Refunded, $"the receipt's refunds are the booking's. {story}"),
            () => receipt.Payments.Where(p => p.Kind == "charge").Sum(p => p.Amount.Amount).ShouldBe(receipt.Charged.Amount, $"the receipt lists every charge. {story}"),
            () => receipt.Payments.Where(p => p.Kind == "refund").Sum(p => p.Amount.Amount).ShouldBe(receipt.Refunded.Amount, $"the receipt lists every refund. {story}"),
            () => receipt.Paid.Amount.ShouldBe(receipt.Charged.Amount - receipt.Refunded.Amount, $"out of pocket is charged less refunded. {story}"));
    }

    /// <summary>
    /// Each home's calendar, from three days on, shows exactly the nights its live stays hold as taken: a change moved
    /// them, a cancellation or a lapse freed them (the walk's homes have no blocks, notice or preparation nights).
    /// </summary>
    public async Task CalendarsAgreeAsync(string story)
    {
        var stays = new List<BookingResponse>();
        foreach (var id in Bookings)
        {
            stays.Add(await ReadAsync(id));
        }

        var (from, to) = (TestBookings.Soon(3), TestBookings.Soon(130));
        foreach (var listing in listings)
        {
            var calendar = (await app.CreateClient().GetFromJsonAsync<CalendarResponse>($"/api/v1/listings/{listing}/calendar?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", TestJson.Options))!;
            var held = stays.Where(b => b.ListingId == listing && b.Status is BookingStatus.Pending or BookingStatus.Confirmed)
                .SelectMany(b => Enumerable.Range(0, b.CheckOut.DayNumber - b.CheckIn.DayNumber).Select(b.CheckIn.AddDays)).ToHashSet();
            calendar.Days.Where(d => !d.Available).Select(d => d.Date).Order()
                .ShouldBe(held.Where(d => d >= from && d < to).Order(), $"home {listing}'s calendar shows taken exactly the nights its live stays hold. {story}");
        }
    }

    /// <summary>
    /// At the end of a walk, each guest's trips and the host's reservations, read two at a time page after page, hold
    /// every stay once, in the list its state puts it in: live ones upcoming, finished ones past, the rest cancelled.
    /// </summary>
    public async Task ListsAgreeAsync(string story)
    {
        var stays = new List<BookingResponse>();
        foreach (var id in Bookings)
        {
            stays.Add(await ReadAsync(id));
        }

        string Expected(BookingResponse b) => b.Status switch
        {
            BookingStatus.Pending or BookingStatus.Confirmed => "upcoming",
            BookingStatus.Completed => "past",
            _ => "cancelled",
        };
        foreach (var (who, path, mine) in guests.Select(g => (g, "/api/v1/me/trips", stays.Where(b => b.GuestId == g.Id))).Append((host, "/api/v1/host/reservations", stays)))
        {
            var listed = new List<(Guid Id, string List)>();
            foreach (var list in new[] { "upcoming", "past", "cancelled" })
            {
                string? cursor = null;
                do
                {
                    var page = (await who.Client.GetFromJsonAsync<Page<TripSummary>>($"{path}?status={list}&limit=2{(cursor is null ? "" : "&cursor=" + cursor)}", TestJson.Options))!;
                    listed.AddRange(page.Items.Select(i => (i.Id, list)));
                    cursor = page.NextCursor;
                }
                while (cursor is not null);
            }

            listed.OrderBy(l => l.Id).ShouldBe(mine.Select(b => (b.Id, Expected(b))).OrderBy(l => l.Id), $"{path} of {who.Email} lists each stay once, where it belongs. {story}");

            // Their copy of their data holds the same stays, each as it stands.
            var export = await who.Client.GetFromJsonAsync<JsonElement>("/api/v1/me/export");
            export.GetProperty("bookings").EnumerateArray().Select(b => (b.GetProperty("id").GetGuid(), b.GetProperty("status").GetString()!)).OrderBy(b => b.Item1)
                .ShouldBe(mine.Select(b => (b.Id, JsonSerializer.Serialize(b.Status, TestJson.Options).Trim('"'))).OrderBy(b => b.Item1), $"{who.Email}'s data export holds their stays. {story}");
        }
    }

    /// <summary>What all bookings were paid and kept, and what the gateway's captured payments hold, over the whole database.</summary>
    public Task<(long Booked, long Gateway)> EverythingHeldAsync() => app.WithDbAsync(async db =>
        (await db.Bookings.SumAsync(b => b.AmountCaptured - b.AmountRefunded), await db.Set<SandboxIntent>().SumAsync(i => i.AmountCaptured - i.AmountRefunded)));
}
