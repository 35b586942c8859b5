using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
public sealed partial class MoneyWalk(RoostApp app, Random random, TestUser host, TestUser admin, IReadOnlyList<TestUser> guests, IReadOnlyList<Guid> listings, GatewayCrash? crash)
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

            await walk.CalendarsAgreeAsync(story);
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

        await walk.ListsAgreeAsync($"seed {seed}, the walk:\n{string.Join('\n', walk.History)}");
        walk.Moves.ShouldBeGreaterThan(Steps / 3, $"many steps should move something, or the walk tests little:\n{string.Join('\n', walk.History)}");
        if (crash is not null)
        {
            walk.History.Count(h => h.Contains(LostAnswer)).ShouldBeGreaterThan(0, $"a crash walk that hardly crashed tests little:\n{string.Join('\n', walk.History)}");
        }
    }

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
        // A burst's moves race each other; which of them would lose the answer is not worth the guess.
        var crashes = crash is not null && name != "a burst of moves at once" && random.Next(2) == 0;
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

    /// <summary>
    /// Runs a job as Hangfire does: a run that dies (a lost gateway answer) is retried, and the retry must find what
    /// the dead run did at the gateway rather than do it twice.
    /// </summary>
    private async Task JobAsync(Func<IServiceProvider, Task> job)
    {
        try
        {
            await app.WithScopeAsync(job);
        }
        catch (ProcessDied)
        {
            await app.WithScopeAsync(job);
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
