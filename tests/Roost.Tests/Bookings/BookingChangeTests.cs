using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Bookings;
using Roost.Features.Notifications;
using Roost.Features.Payments;
using Roost.Platform.Http;
using Roost.Tests.Infrastructure;
using Roost.Tests.Payments;

namespace Roost.Tests.Bookings;

[Collection(ApiCollection.Name)]
public sealed class BookingChangeTests(RoostApp app) : MovesMoney
{
    protected override RoostApp Books => app;

    [Fact]
    public async Task A_longer_stay_the_host_accepts_charges_the_difference_moves_the_nights_and_the_payouts_and_a_cancellation_refunds_both_payments()
    {
        var (host, guest, listing) = await SetUpAsync();
        var checkIn = TestBookings.Soon(30);
        var booking = await guest.BookAsync(listing, checkIn, 3);

        var priced = await (await guest.Client.GetAsync($"/api/v1/bookings/{booking.Id}/changes/quote?checkIn={checkIn:yyyy-MM-dd}&checkOut={checkIn.AddDays(5):yyyy-MM-dd}&guests=2"))
            .ReadAsync<ChangeQuote>();
        priced.Quote.Nights.ShouldBe(5);
        priced.Difference.Amount.ShouldBe(priced.Quote.Total.Amount - booking.Quote.Total.Amount);
        priced.Difference.Amount.ShouldBeGreaterThan(0);

        var asked = await ProposeAsync(guest, booking.Id, checkIn, checkIn.AddDays(5), 2, "We can stay two nights more!");
        asked.ShouldSatisfyAllConditions(
            c => c.Status.ShouldBe(BookingChangeStatus.Pending),
            c => c.ProposedBy.ShouldBe("guest"),
            c => c.Difference.ShouldBe(priced.Difference),
            c => c.Charged.Amount.ShouldBe(0));
        (await InboxAsync(host)).ShouldContain(n => n.Type == "booking_change_requested" && n.Body.Contains("two nights more"));

        var accepted = await (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/changes/{asked.Id}/accept", null)).ReadAsync<ChangeResponse>();
        accepted.Status.ShouldBe(BookingChangeStatus.Accepted);
        accepted.Charged.ShouldBe(priced.Difference);

        var changed = await GetAsync(guest, booking.Id);
        changed.ShouldSatisfyAllConditions(
            b => b.Status.ShouldBe(BookingStatus.Confirmed),
            b => b.CheckOut.ShouldBe(checkIn.AddDays(5)),
            b => b.Quote.Total.ShouldBe(priced.Quote.Total),
            b => b.Charged.ShouldBe(priced.Quote.Total),
            b => b.Transitions[^1].From.ShouldBe(BookingStatus.Confirmed),
            b => b.Transitions[^1].ActorRole.ShouldBe("host"),
            b => b.Transitions[^1].Reason.ShouldStartWith($"changed to {checkIn:yyyy-MM-dd}..{checkIn.AddDays(5):yyyy-MM-dd}"));
        var changeIntent = await app.WithDbAsync(db => db.Set<SandboxIntent>().SingleAsync(i => i.IdempotencyKey == $"booking:{booking.Id}:change:{asked.Id}:charge"));
        changeIntent.AmountCaptured.ShouldBe(priced.Difference.Amount);
        (await guest.Client.GetFromJsonAsync<BookingPaymentsResponse>($"/api/v1/bookings/{booking.Id}/payments", TestJson.Options))!
            .Items.Count(i => i.Kind == "charge").ShouldBe(2);
        (await PayoutsAsync(host, booking.Id)).Sum(p => p.Amount.Amount).ShouldBe(priced.Quote.HostPayout.Amount);
        (await InboxAsync(guest)).ShouldContain(n => n.Type == "booking_change_accepted");

        // The added nights are the guest's now: nobody else books them.
        var other = await app.RegisterGuestAsync();
        await (await other.Client.PostBookingAsync(TestBookings.Body(listing, checkIn.AddDays(3), 2))).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        // Moderate, a month ahead: all of it back, out of both payments.
        var cancelled = await (await guest.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null)).ReadAsync<CancelResponse>();
        cancelled.Refund.ShouldBe(priced.Quote.Total);
        var intents = await app.WithDbAsync(db => db.Set<SandboxIntent>().Where(i => i.Reference != null && i.Reference.StartsWith(booking.Id.ToString())).ToListAsync());
        intents.Count.ShouldBe(2);
        intents.ShouldAllBe(i => i.AmountRefunded == i.AmountCaptured);
    }

    [Fact]
    public async Task Nights_the_stay_keeps_keep_their_booked_price_and_only_new_nights_are_priced_now()
    {
        var (host, guest, listing) = await SetUpAsync();
        var checkIn = TestBookings.Soon(30);
        var booking = await guest.BookAsync(listing, checkIn, 3);
        // The host raises every price after the guest booked.
        (await host.Client.PutAsJsonAsync($"/api/v1/listings/{listing}/calendar", new { from = checkIn, to = checkIn.AddDays(10), price = 50_000 })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var priced = await (await guest.Client.GetAsync($"/api/v1/bookings/{booking.Id}/changes/quote?checkIn={checkIn:yyyy-MM-dd}&checkOut={checkIn.AddDays(4):yyyy-MM-dd}&guests=2"))
            .ReadAsync<ChangeQuote>();

        priced.Quote.Nightly.Take(3).ShouldBe(booking.Quote.Nightly);
        priced.Quote.Nightly[3].Price.Amount.ShouldBe(50_000);
        priced.Quote.Subtotal.Amount.ShouldBe(booking.Quote.Subtotal.Amount + 50_000);
    }

    [Fact]
    public async Task A_stay_under_way_can_only_be_extended_and_the_host_is_paid_the_extra_on_top_of_the_payout_already_sent()
    {
        var (host, guest, listing) = await SetUpAsync();
        var booking = await guest.BookAsync(listing, TestBookings.Soon(30), 3);
        // The guest arrived yesterday and leaves in two days; the host's payout for the stay has gone out.
        await UnderWayAndPaidOutAsync(booking.Id, daysLeft: 2);
        var stay = await GetAsync(guest, booking.Id);

        await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/changes", Terms(stay.CheckIn, stay.CheckOut.AddDays(-1), 2))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/changes", Terms(stay.CheckIn.AddDays(1), stay.CheckOut.AddDays(1), 2))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/changes", Terms(stay.CheckIn, stay.CheckOut, 3))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var longer = await ProposeAsync(guest, booking.Id, stay.CheckIn, stay.CheckOut.AddDays(2), 2);
        longer.ExpiresAt.ShouldBeLessThanOrEqualTo(DateTimeOffset.UtcNow.AddHours(24.1));

        var accepted = await (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/changes/{longer.Id}/accept", null)).ReadAsync<ChangeResponse>();

        accepted.Charged.Amount.ShouldBe(longer.Difference.Amount);
        (await GetAsync(guest, booking.Id)).CheckOut.ShouldBe(stay.CheckOut.AddDays(2));
        var payouts = await PayoutsAsync(host, booking.Id);
        payouts.ShouldContain(p => p.Status == PayoutStatus.Paid && p.Amount.Amount == booking.Quote.HostPayout.Amount);
        payouts.ShouldContain(p => p.Status == PayoutStatus.Scheduled && p.Amount.Amount == longer.Quote.HostPayout.Amount - stay.Quote.HostPayout.Amount);
    }

    [Fact]
    public async Task An_extension_that_reaches_the_monthly_discount_refunds_the_guest_and_what_was_paid_out_beyond_it_is_kept_from_the_hosts_next_payout()
    {
        var (host, guest, listing) = await SetUpAsync();
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing}", new { weeklyDiscountPercent = 10, monthlyDiscountPercent = 25, maxNights = 60 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var booking = await guest.BookAsync(listing, TestBookings.Soon(30), 27);
        // The guest arrived yesterday for 27 nights; the host's payout for the stay has gone out.
        await UnderWayAndPaidOutAsync(booking.Id, daysLeft: 26);
        var stay = await GetAsync(guest, booking.Id);
        var paidOut = (await PayoutsAsync(host, booking.Id)).Single(p => p.Status == PayoutStatus.Paid).Amount.Amount;

        // A 28th night makes it a month: the monthly discount replaces the weekly one, and the whole stay costs less.
        var longer = await ProposeAsync(guest, booking.Id, stay.CheckIn, stay.CheckOut.AddDays(1), 2);
        longer.Difference.Amount.ShouldBeLessThan(0);
        longer.Quote.DiscountReason.ShouldBe("monthly");
        var accepted = await (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/changes/{longer.Id}/accept", null)).ReadAsync<ChangeResponse>();

        accepted.Refunded.Amount.ShouldBe(-longer.Difference.Amount);
        (await GetAsync(guest, booking.Id)).CheckOut.ShouldBe(stay.CheckOut.AddDays(1));
        var owed = (await app.LedgerBalancesAsync(booking.Id))[LedgerAccount.HostPayable];
        owed.ShouldBe(paidOut - longer.Quote.HostPayout.Amount, "the host was paid for the dearer stay: the difference is their debt on it");

        // Their next payout, for another stay, keeps it back.
        var next = await (await app.RegisterGuestAsync()).BookAsync(listing, TestBookings.Soon(80), 10);
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE payouts SET due_at = now() - interval '1 minute' WHERE booking_id = {next.Id}"));
        await app.WithScopeAsync(services => services.GetRequiredService<Payouts>().SendDueAsync());
        var kept = (await PayoutsAsync(host, next.Id)).Single();
        (kept.Status, kept.Withheld.Amount, kept.Amount.Amount).ShouldBe((PayoutStatus.Paid, owed, next.Quote.HostPayout.Amount - owed));
        (await app.LedgerBalancesAsync(booking.Id))[LedgerAccount.HostPayable].ShouldBe(0);
    }

    [Fact]
    public async Task A_shorter_later_stay_refunds_the_difference_and_frees_the_nights_it_leaves()
    {
        var (host, guest, listing) = await SetUpAsync();
        var checkIn = TestBookings.Soon(30);
        var booking = await guest.BookAsync(listing, checkIn, 4);

        var asked = await ProposeAsync(guest, booking.Id, checkIn.AddDays(10), checkIn.AddDays(12), 2);
        asked.Difference.Amount.ShouldBeLessThan(0);
        // As if the arrival reminder for the old day had gone out.
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"INSERT INTO booking_reminders (booking_id, kind, sent_at) VALUES ({booking.Id}, 'arrival', now())"));
        var accepted = await (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/changes/{asked.Id}/accept", null)).ReadAsync<ChangeResponse>();
        accepted.Refunded.Amount.ShouldBe(-asked.Difference.Amount);

        var changed = await GetAsync(guest, booking.Id);
        changed.CheckIn.ShouldBe(checkIn.AddDays(10));
        (await app.WithDbAsync(db => db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM booking_reminders WHERE booking_id = {booking.Id}").SingleAsync()))
            .ShouldBe(0, "the arrival reminder is due again before the new day");
        changed.Refunded.Amount.ShouldBe(-asked.Difference.Amount);
        (changed.Charged.Amount - changed.Refunded.Amount).ShouldBe(asked.Quote.Total.Amount);
        (await RefundedAsync(booking.Id)).ShouldBe(-asked.Difference.Amount);
        (await PayoutsAsync(host, booking.Id)).Sum(p => p.Amount.Amount).ShouldBe(asked.Quote.HostPayout.Amount);

        // The nights it left are free at once.
        var other = await app.RegisterGuestAsync();
        (await other.BookAsync(listing, checkIn, 4)).Status.ShouldBe(BookingStatus.Confirmed);

        // A later cancellation refunds by the policy what the stay costs now, never more than was paid.
        var cancelled = await (await guest.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null)).ReadAsync<CancelResponse>();
        cancelled.Refund.ShouldBe(asked.Quote.Total);
        (await RefundedAsync(booking.Id)).ShouldBe(booking.Quote.Total.Amount);
    }

    [Fact]
    public async Task Nights_someone_else_holds_refuse_the_change_whether_taken_before_it_was_asked_or_before_it_was_accepted()
    {
        var (host, guest, listing) = await SetUpAsync();
        var checkIn = TestBookings.Soon(30);
        var booking = await guest.BookAsync(listing, checkIn, 3);
        var neighbour = await (await app.RegisterGuestAsync()).BookAsync(listing, checkIn.AddDays(3), 2);
        neighbour.Status.ShouldBe(BookingStatus.Confirmed);

        var taken = await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/changes", Terms(checkIn, checkIn.AddDays(4), 2)))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        taken.GetProperty("errors").TryGetProperty("nights_unavailable", out _).ShouldBeTrue();

        // Earlier is free when asked; the host blocks those nights before answering.
        var asked = await ProposeAsync(guest, booking.Id, checkIn.AddDays(-2), checkIn.AddDays(3), 2);
        (await host.Client.PutAsJsonAsync($"/api/v1/listings/{listing}/calendar", new { from = checkIn.AddDays(-2), to = checkIn, available = false })).StatusCode.ShouldBe(HttpStatusCode.OK);

        await (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/changes/{asked.Id}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var unchanged = await GetAsync(guest, booking.Id);
        unchanged.CheckIn.ShouldBe(checkIn);
        unchanged.Charged.Amount.ShouldBe(booking.Quote.Total.Amount);
        (await app.WithDbAsync(db => db.Set<SandboxIntent>().CountAsync(i => i.IdempotencyKey.StartsWith($"booking:{booking.Id}:change")))).ShouldBe(0);

        var declined = await (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/changes/{asked.Id}/decline", null)).ReadAsync<ChangeResponse>();
        declined.Status.ShouldBe(BookingChangeStatus.Declined);
        (await InboxAsync(guest)).ShouldContain(n => n.Type == "booking_change_declined");
        await (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/changes/{asked.Id}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_move_that_loses_a_deadlock_over_the_same_nights_is_refused_unchanged_not_an_outage()
    {
        var (host, guest, listing) = await SetUpAsync();
        var checkIn = TestBookings.Soon(30);
        var booking = await guest.BookAsync(listing, checkIn, 2);
        var longer = await ProposeAsync(guest, booking.Id, checkIn, checkIn.AddDays(5), 2);

        // Another transaction blocks the last of the new nights and has not committed: the move waits on it; then it
        // blocks another of them, waiting on the move, and PostgreSQL aborts the one that waited first, the move.
        var other = await UncommittedBlocks.OpenAsync(app);
        await other.BlockAsync(listing, checkIn.AddDays(4), checkIn.AddDays(6));
        var accept = host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/changes/{longer.Id}/accept", null);
        await other.WaitForWaiterAsync("UPDATE occupancies");
        await other.BlockAsync(listing, checkIn.AddDays(2), checkIn.AddDays(3));
        var answer = await accept;
        await other.DisposeAsync();

        await answer.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var unchanged = await GetAsync(guest, booking.Id);
        (unchanged.CheckIn, unchanged.CheckOut).ShouldBe((checkIn, checkIn.AddDays(2)));
        unchanged.Charged.ShouldBe(booking.Charged);
    }

    [Fact]
    public async Task Two_stays_moving_onto_the_same_free_nights_at_once_one_moves_and_the_other_is_refused_unchanged()
    {
        var (host, guest, listing) = await SetUpAsync();
        var checkIn = TestBookings.Soon(30);
        var lateGuest = await app.RegisterGuestAsync();
        var early = await guest.BookAsync(listing, checkIn, 2);
        var late = await lateGuest.BookAsync(listing, checkIn.AddDays(6), 2);
        // Each asks for free nights between them that the other asks for too; both answers come at the same moment.
        var longer = await ProposeAsync(guest, early.Id, checkIn, checkIn.AddDays(5), 2);
        var earlier = await ProposeAsync(host, late.Id, checkIn.AddDays(3), checkIn.AddDays(8), 2);

        var answers = await Task.WhenAll(
            host.Client.PostAsync($"/api/v1/bookings/{early.Id}/changes/{longer.Id}/accept", null),
            lateGuest.Client.PostAsync($"/api/v1/bookings/{late.Id}/changes/{earlier.Id}/accept", null));

        answers.Select(a => a.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var stays = new[] { await GetAsync(guest, early.Id), await GetAsync(lateGuest, late.Id) };
        var moved = answers[0].StatusCode == HttpStatusCode.OK ? 0 : 1;
        stays[moved].Transitions[^1].Reason.ShouldStartWith("changed to");
        stays[1 - moved].Transitions[^1].Reason.ShouldNotStartWith("changed to");
        stays[1 - moved].Charged.ShouldBe(stays[1 - moved].Quote.Total);
        // However it went, the two stays share no night.
        (stays[0].CheckOut <= stays[1].CheckIn).ShouldBeTrue();
    }

    [Fact]
    public async Task Asking_and_accepting_with_an_idempotency_key_happen_once_and_replay_the_first_answer()
    {
        var (host, guest, listing) = await SetUpAsync();
        var checkIn = TestBookings.Soon(30);
        var booking = await guest.BookAsync(listing, checkIn, 3);

        async Task<HttpResponseMessage> SendAsync(TestUser who, string path, object? body, string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await who.Client.SendAsync(request);
        }

        var first = await SendAsync(guest, $"/api/v1/bookings/{booking.Id}/changes", Terms(checkIn, checkIn.AddDays(5), 2), "ask-once");
        var again = await SendAsync(guest, $"/api/v1/bookings/{booking.Id}/changes", Terms(checkIn, checkIn.AddDays(5), 2), "ask-once");
        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        (await again.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        await (await SendAsync(guest, $"/api/v1/bookings/{booking.Id}/changes", Terms(checkIn, checkIn.AddDays(6), 2), "ask-once")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        var change = (await first.Content.ReadFromJsonAsync<ChangeResponse>(TestJson.Options))!;
        var accepted = await SendAsync(host, $"/api/v1/bookings/{booking.Id}/changes/{change.Id}/accept", null, "accept-once");
        var replayed = await SendAsync(host, $"/api/v1/bookings/{booking.Id}/changes/{change.Id}/accept", null, "accept-once");
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await replayed.Content.ReadAsStringAsync()).ShouldBe(await accepted.Content.ReadAsStringAsync());
        (await app.WithDbAsync(db => db.Set<BookingChange>().CountAsync(c => c.BookingId == booking.Id))).ShouldBe(1);
        (await app.WithDbAsync(db => db.Set<SandboxIntent>().CountAsync(i => i.IdempotencyKey.StartsWith($"booking:{booking.Id}:change")))).ShouldBe(1);
    }

    [Fact]
    public async Task Only_the_two_sides_ask_and_only_the_other_one_answers()
    {
        var (host, guest, listing) = await SetUpAsync();
        var checkIn = TestBookings.Soon(30);
        var booking = await guest.BookAsync(listing, checkIn, 3);
        var stranger = await app.RegisterGuestAsync();
        var admin = await app.RegisterAdminAsync();
        var longer = Terms(checkIn, checkIn.AddDays(4), 2);

        await (await stranger.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/changes", longer)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.GetAsync($"/api/v1/bookings/{booking.Id}/changes")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await admin.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/changes", longer)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/changes", Terms(checkIn, checkIn.AddDays(3), 2))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        var crowd = await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/changes", Terms(checkIn, checkIn.AddDays(3), 9))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        crowd.GetProperty("errors").TryGetProperty("too_many_guests", out _).ShouldBeTrue();
        await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/changes", Terms(checkIn, checkIn.AddDays(-1), 2))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var asked = await ProposeAsync(host, booking.Id, checkIn, checkIn.AddDays(3), 3);
        await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/changes", longer)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/changes/{asked.Id}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.Client.PostAsync($"/api/v1/bookings/{booking.Id}/changes/{asked.Id}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.Client.PostAsync($"/api/v1/bookings/{booking.Id}/changes/{asked.Id}/decline", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await guest.Client.PostAsync($"/api/v1/bookings/{booking.Id}/changes/{asked.Id}/withdraw", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await guest.Client.PostAsync($"/api/v1/bookings/{booking.Id}/changes/{Guid.NewGuid()}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var withdrawn = await (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/changes/{asked.Id}/withdraw", null)).ReadAsync<ChangeResponse>();
        withdrawn.Status.ShouldBe(BookingChangeStatus.Withdrawn);
        (await InboxAsync(guest)).ShouldContain(n => n.Type == "booking_change_withdrawn");
        await (await guest.Client.PostAsync($"/api/v1/bookings/{booking.Id}/changes/{asked.Id}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var history = await (await admin.Client.GetAsync($"/api/v1/bookings/{booking.Id}/changes")).ReadAsync<List<ChangeResponse>>();
        history.Single().Status.ShouldBe(BookingChangeStatus.Withdrawn);
        (await GetAsync(guest, booking.Id)).Guests.ShouldBe(2);

        // A request still waiting for its host is answered or withdrawn, not changed.
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing}", new { instantBook = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var request = await guest.BookAsync(listing, checkIn.AddDays(20), 2);
        request.Status.ShouldBe(BookingStatus.Pending);
        await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{request.Id}/changes", Terms(checkIn.AddDays(20), checkIn.AddDays(23), 2)))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_declined_card_leaves_the_stay_as_it_was_and_the_change_waiting()
    {
        var (host, guest, listing) = await SetUpAsync();
        var checkIn = TestBookings.Soon(30);
        var booking = await guest.BookAsync(listing, checkIn, 3);
        var asked = await ProposeAsync(guest, booking.Id, checkIn, checkIn.AddDays(5), 2);
        // The card on file stopped working since the booking.
        await app.WithDbAsync(db => db.Bookings.Where(b => b.Id == booking.Id).ExecuteUpdateAsync(b => b.SetProperty(x => x.PaymentMethod, "pm_card_chargeDeclined")));

        var refused = await (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/changes/{asked.Id}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.PaymentRequired);
        refused.GetProperty("code").GetString().ShouldBe("PAYMENT_FAILED");

        var unchanged = await GetAsync(guest, booking.Id);
        unchanged.CheckOut.ShouldBe(checkIn.AddDays(3));
        unchanged.Charged.Amount.ShouldBe(booking.Quote.Total.Amount);
        (await PayoutsAsync(host, booking.Id)).Sum(p => p.Amount.Amount).ShouldBe(booking.Quote.HostPayout.Amount);
        (await host.Client.GetFromJsonAsync<List<ChangeResponse>>($"/api/v1/bookings/{booking.Id}/changes", TestJson.Options))!.Single().Status.ShouldBe(BookingChangeStatus.Pending);
        var other = await app.RegisterGuestAsync();
        (await other.BookAsync(listing, checkIn.AddDays(3), 2)).Status.ShouldBe(BookingStatus.Confirmed);
    }

    [Fact]
    public async Task The_job_closes_changes_left_unanswered_and_those_of_stays_cancelled_meanwhile()
    {
        var (host, guest, listing) = await SetUpAsync();
        var checkIn = TestBookings.Soon(30);
        var first = await guest.BookAsync(listing, checkIn, 3);
        var second = await guest.BookAsync(listing, checkIn.AddDays(10), 3);
        var lapsing = await ProposeAsync(guest, first.Id, checkIn, checkIn.AddDays(4), 2);
        lapsing.ExpiresAt.ShouldBeInRange(DateTimeOffset.UtcNow.AddHours(23), DateTimeOffset.UtcNow.AddHours(25));
        var orphaned = await ProposeAsync(host, second.Id, checkIn.AddDays(10), checkIn.AddDays(13), 3);
        await app.WithDbAsync(db => db.Set<BookingChange>().Where(c => c.Id == lapsing.Id).ExecuteUpdateAsync(c => c.SetProperty(x => x.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        (await guest.Client.PostAsync($"/api/v1/bookings/{second.Id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await (await host.Client.PostAsync($"/api/v1/bookings/{first.Id}/changes/{lapsing.Id}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await Task.WhenAll(ExpireAsync(), ExpireAsync());

        // A lapsed change the sweep has not reached yet does not stop the next one.
        var third = await guest.BookAsync(listing, checkIn.AddDays(20), 2);
        var stale = await ProposeAsync(guest, third.Id, checkIn.AddDays(20), checkIn.AddDays(23), 2);
        await app.WithDbAsync(db => db.Set<BookingChange>().Where(c => c.Id == stale.Id).ExecuteUpdateAsync(c => c.SetProperty(x => x.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        (await ProposeAsync(guest, third.Id, checkIn.AddDays(20), checkIn.AddDays(24), 2)).Status.ShouldBe(BookingChangeStatus.Pending);
        (await app.WithDbAsync(db => db.Set<BookingChange>().SingleAsync(c => c.Id == stale.Id))).Status.ShouldBe(BookingChangeStatus.Expired);

        var changes = await app.WithDbAsync(db => db.Set<BookingChange>().AsNoTracking().Where(c => c.Id == lapsing.Id || c.Id == orphaned.Id).ToListAsync());
        changes.ShouldAllBe(c => c.Status == BookingChangeStatus.Expired);
        (await InboxAsync(guest)).Count(n => n.Type == "booking_change_expired").ShouldBe(2);
        (await InboxAsync(host)).Count(n => n.Type == "booking_change_expired").ShouldBe(1);
        (await GetAsync(guest, first.Id)).CheckOut.ShouldBe(checkIn.AddDays(3));
    }

    [Fact]
    public async Task GraphQL_asks_and_answers_the_same_way_a_host_asked_dearer_stay_charging_the_guest_who_accepts()
    {
        var (host, guest, listing) = await SetUpAsync();
        var checkIn = TestBookings.Soon(30);
        var booking = await guest.BookAsync(listing, checkIn, 2);

        var asked = (await host.Client.GraphQLAsync(
            "mutation($id: ID!, $input: ProposeChangeInput!) { proposeBookingChange(bookingId: $id, input: $input) { id status proposedBy difference { amount currency } } }",
            new { id = booking.Id, input = new { checkIn = checkIn.ToString("yyyy-MM-dd"), checkOut = checkIn.AddDays(3).ToString("yyyy-MM-dd"), guests = 2, message = "Stay another night on us? Not quite." } }))
            .ShouldSucceed().Data.GetProperty("proposeBookingChange");
        asked.GetProperty("proposedBy").GetString().ShouldBe("host");
        var changeId = asked.GetProperty("id").GetString();
        var difference = asked.GetProperty("difference").GetProperty("amount").GetInt64();

        var hostAccepting = await host.Client.GraphQLAsync("mutation($b: ID!, $c: ID!) { acceptBookingChange(bookingId: $b, changeId: $c) { status } }", new { b = booking.Id, c = changeId });
        hostAccepting.FirstCode.ShouldBe("FORBIDDEN");

        var accepted = (await guest.Client.GraphQLAsync("mutation($b: ID!, $c: ID!) { acceptBookingChange(bookingId: $b, changeId: $c) { status charged { amount } } }", new { b = booking.Id, c = changeId }))
            .ShouldSucceed().Data.GetProperty("acceptBookingChange");
        accepted.GetProperty("status").GetString().ShouldBe("ACCEPTED");
        accepted.GetProperty("charged").GetProperty("amount").GetInt64().ShouldBe(difference);

        var seen = (await guest.Client.GraphQLAsync("query($id: ID!) { booking(id: $id) { checkOut changes { id status } } }", new { id = booking.Id }))
            .ShouldSucceed().Data.GetProperty("booking");
        seen.GetProperty("checkOut").GetString().ShouldBe(checkIn.AddDays(3).ToString("yyyy-MM-dd"));
        seen.GetProperty("changes")[0].GetProperty("id").GetString().ShouldBe(changeId);
    }

    [Fact]
    public void A_refund_comes_out_of_the_newest_payment_first_and_its_parts_add_up_line_by_line()
    {
        var back = new PaymentShares(Host: 7_001, Platform: 2_000, Taxes: 999);
        var parts = BookingRefunds.Split([("pi_change", 3_000), ("pi_booking", 20_000)], back);

        parts.Select(p => p.IntentId).ShouldBe(["pi_change", "pi_booking"]);
        parts[0].Part.Total.ShouldBe(3_000);
        parts[1].Part.Total.ShouldBe(7_000);
        parts.Sum(p => p.Part.Host).ShouldBe(back.Host);
        parts.Sum(p => p.Part.Platform).ShouldBe(back.Platform);
        parts.Sum(p => p.Part.Taxes).ShouldBe(back.Taxes);
        BookingRefunds.Split([("pi_booking", 20_000)], back).Single().Part.ShouldBe(back);
        Should.Throw<InvalidOperationException>(() => BookingRefunds.Split([("pi_booking", 5_000)], back));
    }

    /// <summary>The stay began yesterday and ends <paramref name="daysLeft"/> days from today; its payouts due so far have gone out.</summary>
    private async Task UnderWayAndPaidOutAsync(Guid bookingId, int daysLeft)
    {
        await app.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlAsync($"UPDATE occupancies SET starts_on = current_date - 1, ends_on = current_date + {daysLeft} WHERE id = (SELECT occupancy_id FROM bookings WHERE id = {bookingId})");
            await db.Database.ExecuteSqlAsync($"UPDATE bookings SET check_in = current_date - 1, check_out = current_date + {daysLeft}, check_out_at = now() + make_interval(days => {daysLeft}) WHERE id = {bookingId}");
            return await db.Database.ExecuteSqlAsync($"UPDATE payouts SET due_at = now() - interval '1 minute' WHERE booking_id = {bookingId}");
        });
        await app.WithScopeAsync(services => services.GetRequiredService<Payouts>().SendDueAsync());
    }

    private async Task<(TestUser Host, TestUser Guest, Guid Listing)> SetUpAsync()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        return (host, await app.RegisterGuestAsync(), listing.Id);
    }

    private static object Terms(DateOnly checkIn, DateOnly checkOut, int guests, string? message = null) => new { checkIn, checkOut, guests, message };

    private static async Task<ChangeResponse> ProposeAsync(TestUser who, Guid bookingId, DateOnly checkIn, DateOnly checkOut, int guests, string? message = null) =>
        await (await who.Client.PostAsJsonAsync($"/api/v1/bookings/{bookingId}/changes", Terms(checkIn, checkOut, guests, message))).ReadAsync<ChangeResponse>(HttpStatusCode.Created);

    private static async Task<BookingResponse> GetAsync(TestUser who, Guid bookingId) =>
        (await who.Client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{bookingId}", TestJson.Options))!;

    private static async Task<IReadOnlyList<NotificationResponse>> InboxAsync(TestUser who) =>
        (await who.Client.GetFromJsonAsync<NotificationPage>("/api/v1/notifications?limit=50", TestJson.Options))!.Items;

    private static async Task<IReadOnlyList<PayoutResponse>> PayoutsAsync(TestUser host, Guid bookingId) =>
        [.. (await host.Client.GetFromJsonAsync<Page<PayoutResponse>>("/api/v1/host/payouts?limit=50", TestJson.Options))!.Items.Where(p => p.Bookings.Contains(bookingId))];

    private Task<long> RefundedAsync(Guid bookingId) => app.WithDbAsync(async db =>
        (await db.Set<SandboxIntent>().SingleAsync(i => i.IdempotencyKey == $"booking:{bookingId}:authorize")).AmountRefunded);

    private Task ExpireAsync() => app.WithScopeAsync(services => services.GetRequiredService<BookingChangeExpiry>().ExpireDueAsync());
}
