using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Roost.Features.Bookings;
using Roost.Features.Payments;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Payments;

/// <summary>
/// A random walk over everything that moves a stay's money — booking in full or in part, special offers booked,
/// requests answered, paying the rest or its falling due, changes both ways and asked by either side, cancellations
/// by either side, support's refunds, stays under way and their payouts (some shared with co-hosts), stays ending,
/// claims between the two sides and support's decisions on them — checking after every step that no answer is a 5xx,
/// that the books balance, that what the gateway holds for each booking is what the booking, its ledger and its
/// receipt say, and that the payouts still to go are what the books owe the host and co-hosts. A failing seed replays
/// the same walk.
/// </summary>
public sealed class MoneyWalk(RoostApp app, Random random, TestUser host, TestUser admin, IReadOnlyList<TestUser> guests, IReadOnlyList<Guid> listings, GatewayCrash? crash)
{
    public const int Steps = 40;

    private const string LostAnswer = "the gateway's answer was lost, and the client sent it again";

    private static readonly string[] Policies = ["flexible", "moderate", "firm", "strict", "non_refundable"];

    public List<Guid> Bookings { get; } = [];

    /// <summary>Each step and what it was answered, for the message of a failing walk.</summary>
    public List<string> History { get; } = [];

    /// <summary>Steps that changed something (others were refused as they should be, e.g. nights already taken).</summary>
    public int Moves { get; private set; }

    /// <summary>
    /// Takes a walk of <see cref="Steps"/> steps from <paramref name="seed"/> and checks the books after each. With
    /// <paramref name="crash"/>, some moves lose the gateway's answer as a process that dies would; the client retries,
    /// the webhooks and reconciliation run, and the books must then be as whole as ever.
    /// </summary>
    public static async Task RunAsync(RoostApp app, int seed, GatewayCrash? crash = null)
    {
        var walk = await StartAsync(app, new Random(seed), crash);
        for (var step = 0; step < Steps; step++)
        {
            await walk.StepAsync();
            if (crash is not null)
            {
                await walk.RecoverAsync();
            }

            var story = $"seed {seed}, the walk so far:\n{string.Join('\n', walk.History)}";
            try
            {
                await app.AssertLedgerHoldsAsync();
            }
            catch (ShouldAssertException broken)
            {
                throw new ShouldAssertException($"{broken.Message}\n{story}\n{await walk.BooksAsync(walk.Bookings)}", broken);
            }

            if (crash is not null)
            {
                // This app's database is the walk's alone: every payment the gateway kept is some booking's, so a
                // charge whose booking never committed was given back.
                var (allBooked, allHeld) = await walk.EverythingHeldAsync();
                allHeld.ShouldBe(allBooked, $"the gateway keeps only what bookings were paid. {story}");
            }

            foreach (var booking in walk.Bookings)
            {
                var (booked, gateway) = await walk.HeldAsync(booking);
                gateway.ShouldBe(booked, $"booking {booking}: the gateway holds what the booking says it was paid. {story}");
                await walk.ReceiptAgreesAsync(booking, story);
                var (owed, open, owesRest) = await walk.HostSideAsync(booking);
                if (!owesRest)
                {
                    open.ShouldBe(Math.Max(0, owed), $"booking {booking}: the payouts still to go are what the books owe its host. {story}\n{await walk.BooksAsync([booking])}");
                }
            }
        }

        walk.Moves.ShouldBeGreaterThan(Steps / 3, $"many steps should move something, or the walk tests little:\n{string.Join('\n', walk.History)}");
        if (crash is not null)
        {
            walk.History.Count(h => h.Contains(LostAnswer)).ShouldBeGreaterThan(0, $"a crash walk that hardly crashed tests little:\n{string.Join('\n', walk.History)}");
        }
    }

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
    /// payments to what was charged and refunded, and what the guest is out of pocket is the difference.
    /// </summary>
    public async Task ReceiptAgreesAsync(Guid bookingId, string story)
    {
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

    /// <summary>What all bookings were paid and kept, and what the gateway's captured payments hold, over the whole database.</summary>
    public Task<(long Booked, long Gateway)> EverythingHeldAsync() => app.WithDbAsync(async db =>
        (await db.Bookings.SumAsync(b => b.AmountCaptured - b.AmountRefunded), await db.Set<SandboxIntent>().SumAsync(i => i.AmountCaptured - i.AmountRefunded)));

    private static async Task<MoneyWalk> StartAsync(RoostApp app, Random random, GatewayCrash? crash)
    {
        var host = await app.RegisterHostAsync();
        var listings = new List<Guid>();
        // Each policy once, and a moderate home whose host answers requests rather than taking instant bookings.
        foreach (var (policy, instantBook) in Policies.Select(p => (p, true)).Append(("moderate", false)))
        {
            var listing = await host.CreatePublishedAsync();
            (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}",
                new { cancellationPolicy = policy, instantBook, weeklyDiscountPercent = 10, monthlyDiscountPercent = 25, maxNights = 60 })).StatusCode.ShouldBe(HttpStatusCode.OK);
            listings.Add(listing.Id);
        }

        // Co-hosts paid part of some homes' payouts: a percent of the first's, a fixed amount of the second's.
        for (var i = 0; i < 2; i++)
        {
            var coHost = await app.RegisterHostAsync("cohost");
            await app.ConfirmAddressAsync(coHost);
            var invited = await host.Client.PostAsJsonAsync($"/api/v1/listings/{listings[i]}/cohosts",
                new { email = coHost.Email, access = "reservations", payoutPercent = i == 0 ? 20 : 0, payoutAmount = i == 0 ? 0 : 3_000 });
            var invitation = (await invited.ReadAsync<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();
            (await coHost.Client.PostAsync($"/api/v1/cohosting/{invitation}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var guests = new List<TestUser>();
        for (var i = 0; i < 3; i++)
        {
            guests.Add(await app.RegisterGuestAsync());
        }

        return new MoneyWalk(app, random, host, await app.RegisterAdminAsync(), guests, listings, crash);
    }

    public async Task StepAsync()
    {
        var all = new List<BookingResponse>();
        foreach (var id in Bookings)
        {
            all.Add(await ReadAsync(id));
        }

        // Most moves are about confirmed stays; now and then one is tried on an ended stay, which must refuse it.
        var live = all.Where(b => b.Status is BookingStatus.Confirmed or BookingStatus.Pending).ToList();
        var pool = live.Count > 0 && random.Next(10) > 0 ? live : all;
        var begun = all.Where(b => b.Status is BookingStatus.Confirmed or BookingStatus.Completed && b.CheckIn <= DateOnly.FromDateTime(DateTime.UtcNow)).ToList();
        var (name, move) = (all.Count == 0 || (live.Count == 0 && random.Next(4) > 0) ? 0 : random.Next(14)) switch
        {
            0 or 1 => ("book", (Func<Task<bool>>)BookAsync),
            2 => ("guest cancels", () => CancelAsync(Any(pool), byHost: false)),
            3 => ("host cancels", () => CancelAsync(Any(pool), byHost: true)),
            4 => ("change", () => ChangeAsync(Any(pool))),
            5 => ("support refunds", () => RefundAsync(Any(pool))),
            6 => ("pay the rest", () => PayRestAsync(pool.FirstOrDefault(b => b.Balance is not null) ?? Any(pool))),
            7 => ("the rest falls due", () => RestDueAsync(pool.FirstOrDefault(b => b.Balance is not null) ?? Any(pool))),
            8 => ("host answers a request", () => AnswerAsync(pool.FirstOrDefault(b => b.Status == BookingStatus.Pending) ?? Any(pool))),
            9 => ("the stay ends", () => EndAsync(begun.Count > 0 ? Any(begun) : Any(pool))),
            10 => ("a claim", () => ClaimAsync(begun.Count > 0 ? Any(begun) : Any(pool))),
            11 => ("a burst of moves at once", () => BurstAsync(Any(pool))),
            12 => ("the host makes an offer and it is booked", OfferAsync),
            _ => ("stay under way, payouts sent", () => UnderWayAsync(Any(pool))),
        };
        History.Add($"{History.Count}: {name}");
        // Only moves made over HTTP lose an answer: a job's own call is retried by the job's next run, not by a client.
        var crashes = crash is not null && name is not ("the rest falls due" or "the stay ends" or "a burst of moves at once" or "stay under way, payouts sent")
            && random.Next(2) == 0;
        if (crashes)
        {
            crash!.Arm();
        }

        try
        {
            if (await move())
            {
                Moves++;
            }
        }
        finally
        {
            if (crashes && crash!.Disarm())
            {
                Note(LostAnswer);
            }
        }
    }

    /// <summary>After a step that may have lost a gateway answer: the gateway's events arrive, and reconciliation looks at payments old enough to be sure of.</summary>
    public async Task RecoverAsync()
    {
        await app.WithScopeAsync(services => services.GetRequiredService<SandboxWebhooks>().DeliverAsync());
        await app.WithDbAsync(db => db.Set<SandboxIntent>().ExecuteUpdateAsync(i => i.SetProperty(x => x.CreatedAt, x => x.CreatedAt.AddHours(-1))));
        await app.WithScopeAsync(services => services.GetRequiredService<Reconciliation>().RunAsync());
    }

    private BookingResponse Any(List<BookingResponse> bookings) => bookings[random.Next(bookings.Count)];

    private TestUser GuestOf(BookingResponse booking) => guests.Single(g => g.Id == booking.GuestId);

    private async Task<BookingResponse> ReadAsync(Guid bookingId) =>
        (await admin.Client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{bookingId}", TestJson.Options))!;

    private async Task<bool> BookAsync()
    {
        var guest = guests[random.Next(guests.Count)];
        var listing = listings[random.Next(listings.Count)];
        var checkIn = TestBookings.Soon(random.Next(3, 90));
        var nights = random.Next(10) == 0 ? random.Next(26, 35) : random.Next(1, 8);
        var quote = await guest.Client.GetAsync($"/api/v1/listings/{listing}/quote?checkIn={checkIn:yyyy-MM-dd}&checkOut={checkIn.AddDays(nights):yyyy-MM-dd}&guests=2");
        var offersPart = quote.IsSuccessStatusCode && (await quote.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("payPartNow", out _);
        var response = await guest.Client.PostBookingAsync(new
        {
            listingId = listing, checkIn, checkOut = checkIn.AddDays(nights), guests = 2,
            // Now and then a card that pays while the guest is there and refuses charges made later without them.
            paymentMethod = random.Next(4) == 0 ? SandboxGateway.FailsOffSessionCard : "pm_card_visa",
            payPartNow = offersPart && random.Next(4) > 0,
        });
        if (await ExpectAsync(response, HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity))
        {
            Bookings.Add((await response.Content.ReadFromJsonAsync<BookingResponse>(TestJson.Options))!.Id);
            return true;
        }

        return false;
    }

    private async Task<bool> CancelAsync(BookingResponse booking, bool byHost)
    {
        var who = byHost ? host : GuestOf(booking);
        return await ExpectAsync(await who.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/cancel", new { reason = "a random walk" }),
            HttpStatusCode.OK, HttpStatusCode.Conflict);
    }

    private async Task<bool> ChangeAsync(BookingResponse booking)
    {
        var underWay = booking.CheckIn <= DateOnly.FromDateTime(DateTime.UtcNow);
        // Under way only a later check-out is asked; before, other dates, longer or shorter.
        var checkIn = underWay ? booking.CheckIn : booking.CheckIn.AddDays(random.Next(-2, 3));
        var checkOut = underWay ? booking.CheckOut.AddDays(random.Next(1, 4)) : checkIn.AddDays(Math.Max(1, booking.Quote.Nights + random.Next(-2, 4)));
        // Either side asks; the other answers.
        var (asker, answerer) = random.Next(3) == 0 ? (host, GuestOf(booking)) : (GuestOf(booking), host);
        var asked = await asker.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/changes", new { checkIn, checkOut, guests = booking.Guests });
        if (!await ExpectAsync(asked, HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity))
        {
            return false;
        }

        var change = (await asked.Content.ReadFromJsonAsync<ChangeResponse>(TestJson.Options))!;
        var answer = random.Next(4) == 0 ? "decline" : "accept";
        return await ExpectAsync(await answerer.Client.PostAsync($"/api/v1/bookings/{booking.Id}/changes/{change.Id}/{answer}", null),
            HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.PaymentRequired);
    }

    private async Task<bool> RefundAsync(BookingResponse booking)
    {
        var held = booking.Charged.Amount - booking.Refunded.Amount;
        var amount = held <= 0 ? 1 : 1 + random.NextInt64(held);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/admin/bookings/{booking.Id}/refunds")
        {
            Content = JsonContent.Create(new { amount, reason = "goodwill, at random" }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await ExpectAsync(await admin.Client.SendAsync(request), HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity);
    }

    private async Task<bool> PayRestAsync(BookingResponse booking)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bookings/{booking.Id}/balance") { Content = JsonContent.Create(new { paymentMethod = "pm_card_mastercard" }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await ExpectAsync(await GuestOf(booking).Client.SendAsync(request), HttpStatusCode.OK, HttpStatusCode.Conflict);
    }

    /// <summary>
    /// A guest asks about a home; its host answers with a special offer, at a price of their own or the listing's
    /// (a pre-approval), and the guest books it.
    /// </summary>
    private async Task<bool> OfferAsync()
    {
        var guest = guests[random.Next(guests.Count)];
        var listing = listings[random.Next(listings.Count)];
        (await guest.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing, text = "Could we come for a few nights?" })).IsSuccessStatusCode.ShouldBeTrue();
        var checkIn = TestBookings.Soon(random.Next(3, 90));
        var checkOut = checkIn.AddDays(random.Next(1, 10));
        var offered = await host.Client.PostAsJsonAsync($"/api/v1/listings/{listing}/offers", random.Next(2) == 0
            ? new { guestId = guest.Id, checkIn, checkOut, guests = 2, accommodation = (long?)random.Next(50, 2_000) * 100 }
            : new { guestId = guest.Id, checkIn, checkOut, guests = 2, accommodation = (long?)null });
        if (!await ExpectAsync(offered, HttpStatusCode.Created, HttpStatusCode.UnprocessableEntity))
        {
            return false;
        }

        var offer = (await offered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var booked = await guest.Client.PostBookingAsync(new { listingId = listing, checkIn, checkOut, guests = 2, paymentMethod = "pm_card_visa", offerId = offer });
        if (await ExpectAsync(booked, HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity))
        {
            Bookings.Add((await booked.Content.ReadFromJsonAsync<BookingResponse>(TestJson.Options))!.Id);
            return true;
        }

        return false;
    }

    /// <summary>The rest of a stay paid in two parts falls due now and the hourly job tries to charge it.</summary>
    private async Task<bool> RestDueAsync(BookingResponse booking)
    {
        var due = await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE bookings SET balance_due_at = now() - interval '1 minute' WHERE id = {booking.Id} AND balance_amount > 0"));
        await app.WithScopeAsync(services => services.GetRequiredService<BookingBalances>().ChargeDueAsync());
        Note($"{booking.Id}: {(due == 0 ? "nothing owed" : (await ReadAsync(booking.Id)) is var after && after.Balance is null ? after.Status.ToString() : "refused")}");
        return due > 0;
    }

    private async Task<bool> AnswerAsync(BookingResponse booking)
    {
        var answer = random.Next(3) == 0 ? "decline" : "accept";
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bookings/{booking.Id}/{answer}");
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await ExpectAsync(await host.Client.SendAsync(request), HttpStatusCode.OK, HttpStatusCode.Conflict);
    }

    /// <summary>
    /// Three moves on one stay at the same moment, as two people and a job might make them: whatever order the
    /// row locks give them, the books must come out whole.
    /// </summary>
    private async Task<bool> BurstAsync(BookingResponse booking)
    {
        Func<Task<bool>>[] moves =
        [
            () => CancelAsync(booking, byHost: false),
            () => CancelAsync(booking, byHost: true),
            () => RefundAsync(booking),
            () => ChangeAsync(booking),
            () => PayRestAsync(booking),
            () => RestDueAsync(booking),
        ];
        var chosen = moves.OrderBy(_ => random.Next()).Take(3).ToList();
        var done = await Task.WhenAll(chosen.Select(move => Task.Run(move)));
        return done.Any(moved => moved);
    }

    /// <summary>A stay under way ends today and the completion job runs; its payouts fall due and go out.</summary>
    private async Task<bool> EndAsync(BookingResponse booking)
    {
        if (booking.Status != BookingStatus.Confirmed || booking.CheckIn > DateOnly.FromDateTime(DateTime.UtcNow))
        {
            Note($"{booking.Id}: not under way");
            return false;
        }

        await app.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlAsync($"UPDATE occupancies SET ends_on = current_date WHERE id = (SELECT occupancy_id FROM bookings WHERE id = {booking.Id})");
            await db.Database.ExecuteSqlAsync($"UPDATE bookings SET check_out = current_date, check_out_at = now() - interval '1 minute' WHERE id = {booking.Id}");
            return await db.Database.ExecuteSqlAsync($"UPDATE payouts SET due_at = now() - interval '1 minute' WHERE booking_id = {booking.Id} AND status = 'Scheduled'");
        });
        await app.WithScopeAsync(services => services.GetRequiredService<BookingJobs>().CompleteDueAsync());
        await app.WithScopeAsync(services => services.GetRequiredService<Payouts>().SendDueAsync());
        Note($"{booking.Id}: {(await ReadAsync(booking.Id)).Status}");
        return true;
    }

    /// <summary>One side claims from the other; it is accepted, or declined and decided by support.</summary>
    private async Task<bool> ClaimAsync(BookingResponse booking)
    {
        var byHost = random.Next(2) == 0;
        var (claimant, other) = byHost ? (host, GuestOf(booking)) : (GuestOf(booking), host);
        var amount = byHost ? random.Next(1000, 20000) : 1 + random.NextInt64(Math.Max(1, booking.Charged.Amount - booking.Refunded.Amount));
        var filed = await claimant.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/claims",
            new { reason = byHost ? "damage" : "cleanliness", description = "Found at random by the walk.", amount });
        if (!await ExpectAsync(filed, HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity))
        {
            return false;
        }

        var claim = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        if (random.Next(3) > 0)
        {
            return await ExpectAsync(await other.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/claims/{claim}/accept", new { }),
                HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.PaymentRequired, HttpStatusCode.UnprocessableEntity);
        }

        await ExpectAsync(await other.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/claims/{claim}/decline", new { note = "No." }), HttpStatusCode.OK);
        await ExpectAsync(await claimant.Client.PostAsync($"/api/v1/bookings/{booking.Id}/claims/{claim}/escalate", null), HttpStatusCode.OK);
        var decide = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/admin/claims/{claim}/decide")
        {
            Content = JsonContent.Create(new { approve = true, note = "Half of it, at random.", amount = Math.Max(1, amount / 2) }),
        };
        decide.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await ExpectAsync(await admin.Client.SendAsync(decide), HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.PaymentRequired, HttpStatusCode.UnprocessableEntity);
    }

    /// <summary>A confirmed stay begins yesterday and its payouts fall due and go out, where the calendar lets it move.</summary>
    private async Task<bool> UnderWayAsync(BookingResponse booking)
    {
        if (booking.Status != BookingStatus.Confirmed || booking.Balance is not null)
        {
            Note($"{booking.Id}: not a stay paid in full");
            return false;
        }

        var daysLeft = random.Next(1, Math.Max(2, booking.Quote.Nights));
        try
        {
            await app.WithDbAsync(async db =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                await db.Database.ExecuteSqlAsync($"UPDATE occupancies SET starts_on = current_date - 1, ends_on = current_date + {daysLeft} WHERE id = (SELECT occupancy_id FROM bookings WHERE id = {booking.Id})");
                await db.Database.ExecuteSqlAsync($"UPDATE bookings SET check_in = current_date - 1, check_out = current_date + {daysLeft}, check_out_at = now() + make_interval(days => {daysLeft}) WHERE id = {booking.Id}");
                await db.Database.ExecuteSqlAsync($"UPDATE payouts SET due_at = now() - interval '1 minute' WHERE booking_id = {booking.Id} AND status = 'Scheduled'");
                await transaction.CommitAsync();
                return 0;
            });
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ExclusionViolation)
        {
            Note($"{booking.Id}: other nights in the way");
            return false;
        }

        await app.WithScopeAsync(services => services.GetRequiredService<Payouts>().SendDueAsync());
        Note($"{booking.Id}, {daysLeft} nights left");
        return true;
    }

    /// <summary>Adds to the step's line of the history; moves of a burst write at once.</summary>
    private void Note(string what)
    {
        lock (History)
        {
            History[^1] += $" — {what}";
        }
    }

    /// <summary>The answer is one of those a user may get here; never a 5xx. True when it was the first (the move happened).</summary>
    private async Task<bool> ExpectAsync(HttpResponseMessage response, params HttpStatusCode[] allowed)
    {
        var body = await response.Content.ReadAsStringAsync();
        Note($"{response.RequestMessage?.RequestUri?.AbsolutePath} {(int)response.StatusCode}{(response.IsSuccessStatusCode ? "" : " " + body[..Math.Min(body.Length, 160)])}");
        allowed.ShouldContain(response.StatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {body}");
        return response.StatusCode == allowed[0] || (response.StatusCode == HttpStatusCode.Created && allowed.Contains(HttpStatusCode.OK));
    }
}
