using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Accounts;
using Roost.Features.Calendar;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Platform;

public enum Actor
{
    Anonymous,
    Guest,
    OtherGuest,
    Host,
    OtherHost,
    Admin,
}

/// <summary>
/// The callers of one row and the resources they try: the guest owns a session, the host owns a published listing
/// (with a photo and an imported calendar) and a complete draft. Everyone else reaches for those.
/// </summary>
public sealed record MatrixWorld(
    IReadOnlyDictionary<Actor, TestUser> Users,
    Guid GuestSessionId,
    Guid ListingId,
    Guid PhotoId,
    string PhotoUrl,
    Guid DraftId,
    Guid ImportId,
    string CalendarToken,
    Guid PendingBookingId,
    Guid ConfirmedBookingId,
    Guid WishlistId,
    Guid ConversationId)
{
    public TestUser? User(Actor actor) => Users.GetValueOrDefault(actor);

    public TestUser Guest => Users[Actor.Guest];
}

/// <summary>
/// Every route the app registers, with the answer each kind of caller must get. A route added without a row here
/// fails <see cref="Every_registered_route_has_a_row"/>; later features add their rows.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AuthorizationMatrixTests(RoostApp app)
{
    // Isolation: what the row's requests spoil for the next caller, and so must be fresh for each.
    private sealed record Row(Func<MatrixWorld, Actor, HttpRequestMessage> Request, int[] Expected, Isolation Isolation = Isolation.None);

    private enum Isolation
    {
        None,
        FreshSessionsPerRow,
        FreshResourcesPerActor,
    }

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    private static HttpRequestMessage Send(HttpMethod method, string url, object? body = null) =>
        new(method, url) { Content = body is null ? null : JsonContent.Create(body) };

    private static HttpRequestMessage Upload(Guid listingId)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(TestListings.Png), "file", "p.png" } };
        return new HttpRequestMessage(HttpMethod.Post, $"/api/v1/listings/{listingId}/photos") { Content = form };
    }

    private static readonly int[] Everyone200 = [200, 200, 200, 200, 200, 200];

    /// <summary>Private to the guest who owns it: everyone else, admins included, finds nothing.</summary>
    private static int[] Own(int ok) => [401, ok, 404, 404, 404, 404];

    /// <summary>The booking's guest, its host and admins get <paramref name="ok"/>; anyone else finds nothing.</summary>
    private static int[] Participant(int ok) => [401, ok, 404, ok, 404, ok];

    private static HttpRequestMessage Book(Guid listingId, DateOnly checkIn)
    {
        var request = Send(HttpMethod.Post, "/api/v1/bookings", TestBookings.Body(listingId, checkIn, 2));
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return request;
    }
    private static HttpRequestMessage Photo()
    {
        var file = new ByteArrayContent(TestListings.Png);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        return new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/photo") { Content = new MultipartFormDataContent { { file, "file", "me.png" } } };
    }

    private static HttpRequestMessage Keyed(HttpRequestMessage request)
    {
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return request;
    }

    private static readonly int[] SignedIn200 = [401, 200, 200, 200, 200, 200];
    private static readonly int[] AdminOnly404 = [401, 403, 403, 403, 403, 404];
    private static readonly int[] Owner200 = [401, 403, 403, 200, 403, 200];
    private static readonly int[] Owner201 = [401, 403, 403, 201, 403, 201];
    private static readonly int[] Owner202 = [401, 403, 403, 202, 403, 202];
    private static readonly int[] Owner204 = [401, 403, 403, 204, 403, 204];

    private static readonly Dictionary<string, Row> Matrix = new()
    {
        ["POST /api/v1/auth/register"] = new((_, _) => Send(HttpMethod.Post, "/api/v1/auth/register", TestUsers.RegisterBody()), [201, 201, 201, 201, 201, 201]),
        ["POST /api/v1/auth/login"] = new((w, _) => Send(HttpMethod.Post, "/api/v1/auth/login", new { email = w.Guest.Email, password = w.Guest.Password }), Everyone200),
        ["POST /api/v1/auth/refresh"] = new((w, a) => Send(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = w.User(a)?.RefreshToken ?? "no-token-of-mine" }), SignedIn200.Select(s => s == 200 ? 200 : 401).ToArray(), Isolation.FreshSessionsPerRow),
        ["POST /api/v1/auth/logout"] = new((_, _) => Send(HttpMethod.Post, "/api/v1/auth/logout"), [401, 204, 204, 204, 204, 204], Isolation.FreshSessionsPerRow),
        ["GET /api/v1/me/"] = new((_, _) => Get("/api/v1/me"), SignedIn200),
        ["PATCH /api/v1/me/"] = new((_, _) => Send(HttpMethod.Patch, "/api/v1/me", new { firstName = "Changed" }), SignedIn200),
        ["PUT /api/v1/me/photo"] = new((_, _) => Photo(), SignedIn200),
        ["DELETE /api/v1/me/photo"] = new((_, _) => Send(HttpMethod.Delete, "/api/v1/me/photo"), SignedIn200),
        ["POST /api/v1/me/host"] = new((_, _) => Send(HttpMethod.Post, "/api/v1/me/host"), SignedIn200),
        ["GET /api/v1/me/sessions"] = new((_, _) => Get("/api/v1/me/sessions"), SignedIn200),
        // A wrong password: a right one would sign the world's other sessions out. Each wrong one counts as a failed
        // login of the caller (LoginThrottle.MaxFailures is 5), so at most four such rows, or the login row meets 429.
        ["POST /api/v1/me/password"] = new((_, _) => Send(HttpMethod.Post, "/api/v1/me/password", new { currentPassword = "not anyone's password", newPassword = "a brand new passphrase" }), [401, 403, 403, 403, 403, 403]),
        ["POST /api/v1/auth/password-reset"] = new((w, _) => Send(HttpMethod.Post, "/api/v1/auth/password-reset", new { email = w.Guest.Email }), [202, 202, 202, 202, 202, 202]),
        ["POST /api/v1/auth/password-reset/confirm"] = new((_, _) => Send(HttpMethod.Post, "/api/v1/auth/password-reset/confirm", new { token = "not-a-reset-token", newPassword = "a brand new passphrase" }), [400, 400, 400, 400, 400, 400]),
        ["GET /reset-password"] = new((_, _) => Get("/reset-password"), Everyone200),
        ["POST /api/v1/me/email"] = new((_, _) => Send(HttpMethod.Post, "/api/v1/me/email", new { newEmail = TestUsers.NewEmail("matrix"), password = "not anyone's password" }), [401, 403, 403, 403, 403, 403]),
        ["POST /api/v1/auth/email-change/confirm"] = new((_, _) => Send(HttpMethod.Post, "/api/v1/auth/email-change/confirm", new { token = "not-a-link-token" }), [400, 400, 400, 400, 400, 400]),
        ["GET /confirm-email"] = new((_, _) => Get("/confirm-email"), Everyone200),
        ["GET /api/v1/me/export"] = new((_, _) => Get("/api/v1/me/export"), SignedIn200),
        // Each caller's sign-up link went out moments ago: asking again is too soon.
        ["POST /api/v1/me/email/verification"] = new((_, _) => Send(HttpMethod.Post, "/api/v1/me/email/verification"), [401, 429, 429, 429, 429, 429]),
        ["POST /api/v1/me/close"] = new((_, _) => Send(HttpMethod.Post, "/api/v1/me/close", new { password = "not anyone's password" }), [401, 403, 403, 403, 403, 403]),
        ["POST /api/v1/me/two-factor"] = new((_, _) => Send(HttpMethod.Post, "/api/v1/me/two-factor"), [401, 200, 200, 200, 200, 200]),
        ["POST /api/v1/me/two-factor/confirm"] = new((_, _) => Send(HttpMethod.Post, "/api/v1/me/two-factor/confirm", new { code = "1" }), [401, 400, 400, 400, 400, 400]),
        ["POST /api/v1/me/two-factor/off"] = new((_, _) => Send(HttpMethod.Post, "/api/v1/me/two-factor/off", new { password = "not anyone's password" }), [401, 403, 403, 403, 403, 403]),
        // Unknown targets: suspending one of the world's users or listings would change what the other rows see.
        ["POST /api/v1/admin/users/{id:guid}/suspend"] = new((_, _) => Send(HttpMethod.Post, $"/api/v1/admin/users/{Guid.NewGuid()}/suspend", new { reason = "matrix" }), AdminOnly404),
        ["POST /api/v1/admin/users/{id:guid}/two-factor/reset"] = new((_, _) => Send(HttpMethod.Post, $"/api/v1/admin/users/{Guid.NewGuid()}/two-factor/reset", new { reason = "matrix" }), AdminOnly404),
        ["GET /api/v1/admin/users/{id:guid}/trips"] = new((_, _) => Get($"/api/v1/admin/users/{Guid.NewGuid()}/trips"), AdminOnly404),
        ["GET /api/v1/admin/users/{id:guid}/reservations"] = new((_, _) => Get($"/api/v1/admin/users/{Guid.NewGuid()}/reservations"), AdminOnly404),
        ["POST /api/v1/admin/users/{id:guid}/reinstate"] = new((_, _) => Send(HttpMethod.Post, $"/api/v1/admin/users/{Guid.NewGuid()}/reinstate"), AdminOnly404),
        ["POST /api/v1/admin/listings/{id:guid}/suspend"] = new((_, _) => Send(HttpMethod.Post, $"/api/v1/admin/listings/{Guid.NewGuid()}/suspend", new { reason = "matrix" }), AdminOnly404),
        ["GET /api/v1/reports/"] = new((_, _) => Get("/api/v1/reports"), SignedIn200),
        ["POST /api/v1/reports/"] = new((w, _) => Send(HttpMethod.Post, "/api/v1/reports", new { targetType = "user", targetId = Guid.NewGuid(), reason = "spam" }), [401, 404, 404, 404, 404, 404]),
        ["GET /api/v1/admin/reports/"] = new((_, _) => Get("/api/v1/admin/reports"), [401, 403, 403, 403, 403, 200]),
        ["POST /api/v1/admin/reports/{id:guid}/close"] = new((_, _) => Send(HttpMethod.Post, $"/api/v1/admin/reports/{Guid.NewGuid()}/close", new { status = "dismissed", outcome = "matrix" }), AdminOnly404),
        ["GET /api/v1/admin/audit"] = new((_, _) => Get("/api/v1/admin/audit"), [401, 403, 403, 403, 403, 200]),
        ["POST /api/v1/admin/reviews/{id:guid}/remove"] = new((_, _) => Send(HttpMethod.Post, $"/api/v1/admin/reviews/{Guid.NewGuid()}/remove", new { reason = "matrix" }), AdminOnly404),
        ["POST /api/v1/admin/listings/{id:guid}/reinstate"] = new((_, _) => Send(HttpMethod.Post, $"/api/v1/admin/listings/{Guid.NewGuid()}/reinstate"), AdminOnly404),
        ["DELETE /api/v1/me/sessions/{id:guid}"] = new((w, _) => Send(HttpMethod.Delete, $"/api/v1/me/sessions/{w.GuestSessionId}"), [401, 204, 404, 404, 404, 404], Isolation.FreshSessionsPerRow),
        ["GET /api/v1/users/{id:guid}"] = new((w, _) => Get($"/api/v1/users/{w.Guest.Id}"), Everyone200),

        ["POST /api/v1/listings/"] = new((_, _) => Send(HttpMethod.Post, "/api/v1/listings", TestListings.CompleteInput()), [401, 403, 403, 201, 201, 201]),
        ["GET /api/v1/listings/{id:guid}"] = new((w, _) => Get($"/api/v1/listings/{w.ListingId}"), Everyone200),
        ["PATCH /api/v1/listings/{id:guid}"] = new((w, _) => Send(HttpMethod.Patch, $"/api/v1/listings/{w.ListingId}", new { title = "Changed" }), Owner200),
        // The draft: the published listing has stays booked, and a listing with guests to come cannot be archived.
        ["DELETE /api/v1/listings/{id:guid}"] = new((w, _) => Send(HttpMethod.Delete, $"/api/v1/listings/{w.DraftId}"), [401, 404, 404, 204, 404, 204], Isolation.FreshResourcesPerActor),
        ["POST /api/v1/listings/{id:guid}/publish"] = new((w, _) => Send(HttpMethod.Post, $"/api/v1/listings/{w.DraftId}/publish"), [401, 404, 404, 200, 404, 200], Isolation.FreshResourcesPerActor),
        ["POST /api/v1/listings/{id:guid}/unpublish"] = new((w, _) => Send(HttpMethod.Post, $"/api/v1/listings/{w.ListingId}/unpublish"), Owner200, Isolation.FreshResourcesPerActor),
        ["GET /api/v1/host/listings"] = new((_, _) => Get("/api/v1/host/listings"), [401, 403, 403, 200, 200, 200]),
        ["GET /api/v1/amenities"] = new((_, _) => Get("/api/v1/amenities"), Everyone200),
        ["POST /api/v1/listings/{id:guid}/photos/"] = new((w, _) => Upload(w.ListingId), Owner201),
        ["PATCH /api/v1/listings/{id:guid}/photos/{photoId:guid}"] = new((w, _) => Send(HttpMethod.Patch, $"/api/v1/listings/{w.ListingId}/photos/{w.PhotoId}", new { caption = "Kitchen" }), Owner200),
        ["DELETE /api/v1/listings/{id:guid}/photos/{photoId:guid}"] = new((w, _) => Send(HttpMethod.Delete, $"/api/v1/listings/{w.ListingId}/photos/{w.PhotoId}"), Owner204, Isolation.FreshResourcesPerActor),
        ["PUT /api/v1/listings/{id:guid}/photos/order"] = new((w, _) => Send(HttpMethod.Put, $"/api/v1/listings/{w.ListingId}/photos/order", new { photoIds = new[] { w.PhotoId } }), Owner200, Isolation.FreshResourcesPerActor),
        ["GET /media/{**key}"] = new((w, _) => Get(w.PhotoUrl), Everyone200),

        ["GET /api/v1/listings/{id:guid}/calendar"] = new((w, _) => Get($"/api/v1/listings/{w.ListingId}/calendar"), Everyone200),
        ["PUT /api/v1/listings/{id:guid}/calendar"] = new((w, _) => Send(HttpMethod.Put, $"/api/v1/listings/{w.ListingId}/calendar", new { from = "2030-01-01", to = "2030-01-05", price = 20000 }), Owner200),
        ["GET /api/v1/listings/{id:guid}/calendar.ics"] = new((w, _) => Get($"/api/v1/listings/{w.ListingId}/calendar.ics?token={w.CalendarToken}"), Everyone200),
        ["GET /api/v1/listings/{id:guid}/calendar/export"] = new((w, _) => Get($"/api/v1/listings/{w.ListingId}/calendar/export"), Owner200),
        ["POST /api/v1/listings/{id:guid}/calendar/export/rotate"] = new((w, _) => Send(HttpMethod.Post, $"/api/v1/listings/{w.ListingId}/calendar/export/rotate"), Owner200),
        ["GET /api/v1/listings/{id:guid}/calendar/imports"] = new((w, _) => Get($"/api/v1/listings/{w.ListingId}/calendar/imports"), Owner200),
        ["POST /api/v1/listings/{id:guid}/calendar/imports"] = new((w, a) => Send(HttpMethod.Post, $"/api/v1/listings/{w.ListingId}/calendar/imports", new { url = $"http://127.0.0.1:9/{a}.ics" }), Owner201),
        ["POST /api/v1/listings/{id:guid}/calendar/imports/{importId:guid}/sync"] = new((w, _) => Send(HttpMethod.Post, $"/api/v1/listings/{w.ListingId}/calendar/imports/{w.ImportId}/sync"), Owner202),
        ["DELETE /api/v1/listings/{id:guid}/calendar/imports/{importId:guid}"] = new((w, _) => Send(HttpMethod.Delete, $"/api/v1/listings/{w.ListingId}/calendar/imports/{w.ImportId}"), Owner204, Isolation.FreshResourcesPerActor),

        ["GET /api/v1/listings"] = new((_, _) => Get("/api/v1/listings?location=lisbon&limit=5"), Everyone200),
        ["GET /api/v1/listings/{id:guid}/similar"] = new((w, _) => Get($"/api/v1/listings/{w.ListingId}/similar"), Everyone200),
        ["GET /api/v1/listings/{id:guid}/quote"] = new((w, _) => Get($"/api/v1/listings/{w.ListingId}/quote?checkIn={TestBookings.Soon(100):yyyy-MM-dd}&checkOut={TestBookings.Soon(103):yyyy-MM-dd}"), Everyone200),
        ["POST /api/v1/bookings/"] = new((w, a) => Book(w.ListingId, TestBookings.Soon(120 + ((int)a * 5))), [401, 201, 201, 422, 201, 201]),
        ["GET /api/v1/bookings/{id:guid}"] = new((w, _) => Get($"/api/v1/bookings/{w.ConfirmedBookingId}"), Participant(200)),
        ["POST /api/v1/bookings/{id:guid}/accept"] = new((w, _) => Send(HttpMethod.Post, $"/api/v1/bookings/{w.PendingBookingId}/accept"), [401, 403, 404, 200, 404, 200], Isolation.FreshResourcesPerActor),
        ["POST /api/v1/bookings/{id:guid}/decline"] = new((w, _) => Send(HttpMethod.Post, $"/api/v1/bookings/{w.PendingBookingId}/decline"), [401, 403, 404, 200, 404, 200], Isolation.FreshResourcesPerActor),
        ["POST /api/v1/bookings/{id:guid}/cancel"] = new((w, _) => Send(HttpMethod.Post, $"/api/v1/bookings/{w.ConfirmedBookingId}/cancel"), Participant(200), Isolation.FreshResourcesPerActor),
        // The world's booking is paid in full: its guest may pay (409: nothing left); its host and admins may not.
        ["POST /api/v1/bookings/{id:guid}/balance"] = new((w, _) => Keyed(Send(HttpMethod.Post, $"/api/v1/bookings/{w.ConfirmedBookingId}/balance", new { paymentMethod = "pm_card_visa" })), [401, 409, 404, 403, 404, 403]),
        ["PUT /api/v1/bookings/{id:guid}/expected-arrival"] = new((w, _) => Send(HttpMethod.Put, $"/api/v1/bookings/{w.ConfirmedBookingId}/expected-arrival", new { time = "17:00" }), [401, 200, 404, 403, 404, 403]),
        ["GET /api/v1/bookings/{id:guid}/arrival"] = new((w, _) => Get($"/api/v1/bookings/{w.ConfirmedBookingId}/arrival"), Participant(200)),
        ["GET /api/v1/bookings/{id:guid}/receipt"] = new((w, _) => Get($"/api/v1/bookings/{w.ConfirmedBookingId}/receipt"), [401, 200, 404, 403, 404, 200]),
        ["GET /api/v1/bookings/{id:guid}/payments"] = new((w, _) => Get($"/api/v1/bookings/{w.ConfirmedBookingId}/payments"), Participant(200)),
        ["GET /api/v1/bookings/{id:guid}/changes"] = new((w, _) => Get($"/api/v1/bookings/{w.ConfirmedBookingId}/changes"), Participant(200)),
        ["GET /api/v1/bookings/{id:guid}/changes/quote"] = new((w, _) => Get($"/api/v1/bookings/{w.ConfirmedBookingId}/changes/quote?checkIn={TestBookings.Soon():yyyy-MM-dd}&checkOut={TestBookings.Soon().AddDays(3):yyyy-MM-dd}&guests=2"),
            Participant(200), Isolation.FreshSessionsPerRow),
        ["POST /api/v1/bookings/{id:guid}/changes"] = new((w, _) => Send(HttpMethod.Post, $"/api/v1/bookings/{w.ConfirmedBookingId}/changes", new { checkIn = TestBookings.Soon(), checkOut = TestBookings.Soon().AddDays(3), guests = 2 }),
            [401, 201, 404, 201, 404, 403], Isolation.FreshResourcesPerActor),
        // No change waits in the world: a participant learns the change does not exist, anyone else that the booking does not.
        ["POST /api/v1/bookings/{id:guid}/changes/{changeId:guid}/accept"] = new((w, _) => Send(HttpMethod.Post, $"/api/v1/bookings/{w.ConfirmedBookingId}/changes/{Guid.NewGuid()}/accept"), [401, 404, 404, 404, 404, 404]),
        ["POST /api/v1/bookings/{id:guid}/changes/{changeId:guid}/decline"] = new((w, _) => Send(HttpMethod.Post, $"/api/v1/bookings/{w.ConfirmedBookingId}/changes/{Guid.NewGuid()}/decline"), [401, 404, 404, 404, 404, 404]),
        ["POST /api/v1/bookings/{id:guid}/changes/{changeId:guid}/withdraw"] = new((w, _) => Send(HttpMethod.Post, $"/api/v1/bookings/{w.ConfirmedBookingId}/changes/{Guid.NewGuid()}/withdraw"), [401, 404, 404, 404, 404, 404]),
        // The world's stay has not happened yet: its host and guest may not claim for it (409); nobody else may claim at all.
        ["POST /api/v1/bookings/{id:guid}/claims/"] = new((w, a) => Send(HttpMethod.Post, $"/api/v1/bookings/{w.ConfirmedBookingId}/claims",
            new { reason = a == Actor.Guest ? "cleanliness" : "damage", description = "A broken lamp in the hall.", amount = 5000 }), [401, 409, 404, 409, 404, 403]),
        ["GET /api/v1/bookings/{id:guid}/claims/"] = new((w, _) => Get($"/api/v1/bookings/{w.ConfirmedBookingId}/claims"), Participant(200)),
        ["POST /api/v1/bookings/{id:guid}/claims/{claimId:guid}/accept"] = new((w, _) => Send(HttpMethod.Post, $"/api/v1/bookings/{w.ConfirmedBookingId}/claims/{Guid.NewGuid()}/accept"), [401, 404, 404, 404, 404, 404]),
        ["POST /api/v1/bookings/{id:guid}/claims/{claimId:guid}/decline"] = new((w, _) => Send(HttpMethod.Post, $"/api/v1/bookings/{w.ConfirmedBookingId}/claims/{Guid.NewGuid()}/decline"), [401, 404, 404, 404, 404, 404]),
        ["POST /api/v1/bookings/{id:guid}/claims/{claimId:guid}/escalate"] = new((w, _) => Send(HttpMethod.Post, $"/api/v1/bookings/{w.ConfirmedBookingId}/claims/{Guid.NewGuid()}/escalate"), [401, 404, 404, 404, 404, 404]),
        ["POST /api/v1/bookings/{id:guid}/claims/{claimId:guid}/withdraw"] = new((w, _) => Send(HttpMethod.Post, $"/api/v1/bookings/{w.ConfirmedBookingId}/claims/{Guid.NewGuid()}/withdraw"), [401, 404, 404, 404, 404, 404]),
        ["GET /api/v1/admin/claims/"] = new((_, _) => Get("/api/v1/admin/claims"), [401, 403, 403, 403, 403, 200]),
        ["POST /api/v1/admin/claims/{claimId:guid}/decide"] = new((_, _) => Keyed(Send(HttpMethod.Post, $"/api/v1/admin/claims/{Guid.NewGuid()}/decide", new { approve = false, note = "No evidence." })),
            [401, 403, 403, 403, 403, 404]),
        // The world's guest booked the world's listing, so its host may make them an offer; nobody else may make one.
        ["POST /api/v1/listings/{id:guid}/offers"] = new((w, _) => Send(HttpMethod.Post, $"/api/v1/listings/{w.ListingId}/offers",
            new { guestId = w.Guest.Id, checkIn = TestBookings.Soon(200), checkOut = TestBookings.Soon(203), guests = 2, accommodation = 30_000 }), [401, 403, 403, 201, 403, 403]),
        ["GET /api/v1/me/offers"] = new((_, _) => Get("/api/v1/me/offers"), SignedIn200),
        ["POST /api/v1/offers/{id:guid}/decline"] = new((_, _) => Send(HttpMethod.Post, $"/api/v1/offers/{Guid.NewGuid()}/decline"), [401, 404, 404, 404, 404, 404]),
        ["POST /api/v1/offers/{id:guid}/withdraw"] = new((_, _) => Send(HttpMethod.Post, $"/api/v1/offers/{Guid.NewGuid()}/withdraw"), [401, 404, 404, 404, 404, 404]),
        ["POST /api/v1/admin/bookings/{id:guid}/refunds"] = new((w, _) => Keyed(Send(HttpMethod.Post, $"/api/v1/admin/bookings/{w.ConfirmedBookingId}/refunds", new { amount = 100, reason = "goodwill" })), [401, 403, 403, 403, 403, 200]),
        ["POST /api/v1/payments/webhook"] = new((_, _) => Send(HttpMethod.Post, "/api/v1/payments/webhook", new { id = "evt_unsigned", type = "payment_intent.succeeded" }), [400, 400, 400, 400, 400, 400]),
        ["GET /api/v1/host/payouts"] = new((_, _) => Get("/api/v1/host/payouts"), [401, 403, 403, 200, 200, 200]),
        ["GET /api/v1/admin/users"] = new((_, _) => Get("/api/v1/admin/users?q=matrix"), [401, 403, 403, 403, 403, 200]),
        ["GET /api/v1/host/earnings"] = new((_, _) => Get("/api/v1/host/earnings"), [401, 403, 403, 200, 200, 200]),
        ["GET /api/v1/host/listings/{id:guid}/performance"] = new((w, _) => Get($"/api/v1/host/listings/{w.ListingId}/performance"), Owner200),
        ["PUT /api/v1/host/payout-account"] = new((_, _) => Send(HttpMethod.Put, "/api/v1/host/payout-account", new { accountId = "acct_matrix" }), [401, 403, 403, 200, 200, 200]),
        ["GET /api/v1/admin/payments/disputes"] = new((_, _) => Get("/api/v1/admin/payments/disputes"), [401, 403, 403, 403, 403, 200]),
        ["GET /api/v1/admin/payments/reconciliation"] = new((_, _) => Get("/api/v1/admin/payments/reconciliation"), [401, 403, 403, 403, 403, 200]),
        ["GET /api/v1/me/trips"] = new((_, _) => Get("/api/v1/me/trips"), SignedIn200),
        ["GET /api/v1/host/earnings.csv"] = new((_, _) => Get("/api/v1/host/earnings.csv"), [401, 403, 403, 200, 200, 200]),
        ["GET /api/v1/host/reservations"] = new((_, _) => Get("/api/v1/host/reservations"), [401, 403, 403, 200, 200, 200]),
        ["GET /api/v1/host/superhost"] = new((_, _) => Get("/api/v1/host/superhost"), [401, 403, 403, 200, 200, 200]),

        ["GET /api/v1/wishlists/"] = new((_, _) => Get("/api/v1/wishlists"), SignedIn200),
        ["POST /api/v1/wishlists/"] = new((_, a) => Send(HttpMethod.Post, "/api/v1/wishlists", new { name = $"List {a}" }), [401, 201, 201, 201, 201, 201]),
        ["GET /api/v1/wishlists/{id:guid}"] = new((w, _) => Get($"/api/v1/wishlists/{w.WishlistId}"), Own(200)),
        ["PATCH /api/v1/wishlists/{id:guid}"] = new((w, a) => Send(HttpMethod.Patch, $"/api/v1/wishlists/{w.WishlistId}", new { name = $"Renamed {a}" }), Own(200)),
        ["DELETE /api/v1/wishlists/{id:guid}"] = new((w, _) => Send(HttpMethod.Delete, $"/api/v1/wishlists/{w.WishlistId}"), Own(204), Isolation.FreshResourcesPerActor),
        ["PUT /api/v1/wishlists/{id:guid}/listings/{listingId:guid}"] = new((w, _) => Send(HttpMethod.Put, $"/api/v1/wishlists/{w.WishlistId}/listings/{w.ListingId}"), Own(204)),
        ["DELETE /api/v1/wishlists/{id:guid}/listings/{listingId:guid}"] = new((w, _) => Send(HttpMethod.Delete, $"/api/v1/wishlists/{w.WishlistId}/listings/{w.ListingId}"), Own(204), Isolation.FreshResourcesPerActor),
        ["POST /api/v1/wishlists/{id:guid}/share"] = new((w, _) => Send(HttpMethod.Post, $"/api/v1/wishlists/{w.WishlistId}/share"), Own(200)),
        ["DELETE /api/v1/wishlists/{id:guid}/share"] = new((w, _) => Send(HttpMethod.Delete, $"/api/v1/wishlists/{w.WishlistId}/share"), Own(204), Isolation.FreshResourcesPerActor),
        ["PUT /api/v1/wishlists/{id:guid}/listings/{listingId:guid}/vote"] = new((w, _) => Send(HttpMethod.Put, $"/api/v1/wishlists/{w.WishlistId}/listings/{w.ListingId}/vote"), Own(204)),
        ["PUT /api/v1/wishlists/{id:guid}/listings/{listingId:guid}/note"] = new((w, _) => Send(HttpMethod.Put, $"/api/v1/wishlists/{w.WishlistId}/listings/{w.ListingId}/note", new { note = "Ask about parking" }), Own(204)),
        ["DELETE /api/v1/wishlists/{id:guid}/listings/{listingId:guid}/vote"] = new((w, _) => Send(HttpMethod.Delete, $"/api/v1/wishlists/{w.WishlistId}/listings/{w.ListingId}/vote"), Own(204)),
        ["POST /api/v1/wishlists/{id:guid}/invite"] = new((w, _) => Send(HttpMethod.Post, $"/api/v1/wishlists/{w.WishlistId}/invite"), Own(200)),
        ["DELETE /api/v1/wishlists/{id:guid}/invite"] = new((w, _) => Send(HttpMethod.Delete, $"/api/v1/wishlists/{w.WishlistId}/invite"), Own(204), Isolation.FreshResourcesPerActor),
        // Nobody collaborates on the matrix's list: removing someone who is not a collaborator is a 404 for its owner too.
        ["DELETE /api/v1/wishlists/{id:guid}/collaborators/{userId:guid}"] = new((w, _) => Send(HttpMethod.Delete, $"/api/v1/wishlists/{w.WishlistId}/collaborators/{Guid.NewGuid()}"), Own(404)),
        ["POST /api/v1/wishlist-invitations/{token}/join"] = new((_, _) => Send(HttpMethod.Post, "/api/v1/wishlist-invitations/no-such-link/join"), [401, 404, 404, 404, 404, 404]),
        ["GET /api/v1/shared-wishlists/{token}"] = new((_, _) => Get("/api/v1/shared-wishlists/no-such-link"), [404, 404, 404, 404, 404, 404]),

        ["GET /api/v1/listings/{id:guid}/scheduled-messages/"] = new((w, _) => Get($"/api/v1/listings/{w.ListingId}/scheduled-messages"), Owner200),
        ["POST /api/v1/listings/{id:guid}/scheduled-messages/"] = new((w, a) => Send(HttpMethod.Post, $"/api/v1/listings/{w.ListingId}/scheduled-messages", new { moment = "confirmed", text = $"Welcome from {a}" }),
            [401, 403, 403, 201, 403, 403]),
        ["DELETE /api/v1/listings/{id:guid}/scheduled-messages/{messageId:guid}"] = new((w, _) => Send(HttpMethod.Delete, $"/api/v1/listings/{w.ListingId}/scheduled-messages/{Guid.NewGuid()}"), [401, 403, 403, 404, 403, 404]),
        ["POST /api/v1/listings/{id:guid}/cohosts/"] = new((w, _) => Send(HttpMethod.Post, $"/api/v1/listings/{w.ListingId}/cohosts", new { email = TestUsers.NewEmail("cohost"), access = "calendar" }), Owner201),
        ["GET /api/v1/listings/{id:guid}/cohosts/"] = new((w, _) => Get($"/api/v1/listings/{w.ListingId}/cohosts"), Owner200),
        ["PATCH /api/v1/listings/{id:guid}/cohosts/{cohostId:guid}"] = new((w, _) => Send(HttpMethod.Patch, $"/api/v1/listings/{w.ListingId}/cohosts/{Guid.NewGuid()}", new { access = "calendar" }), [401, 403, 403, 404, 403, 404]),
        ["DELETE /api/v1/listings/{id:guid}/cohosts/{cohostId:guid}"] = new((w, _) => Send(HttpMethod.Delete, $"/api/v1/listings/{w.ListingId}/cohosts/{Guid.NewGuid()}"), [401, 403, 403, 404, 403, 404]),
        ["GET /api/v1/cohosting/"] = new((_, _) => Get("/api/v1/cohosting"), SignedIn200),
        ["POST /api/v1/cohosting/{invitationId:guid}/accept"] = new((_, _) => Send(HttpMethod.Post, $"/api/v1/cohosting/{Guid.NewGuid()}/accept"), [401, 404, 404, 404, 404, 404]),
        ["POST /api/v1/cohosting/{invitationId:guid}/decline"] = new((_, _) => Send(HttpMethod.Post, $"/api/v1/cohosting/{Guid.NewGuid()}/decline"), [401, 404, 404, 404, 404, 404]),
        ["GET /api/v1/cohosting/reservations"] = new((_, _) => Get("/api/v1/cohosting/reservations"), SignedIn200),
        ["GET /api/v1/host/today"] = new((_, _) => Get("/api/v1/host/today"), SignedIn200),
        ["GET /api/v1/me/trips/calendar/"] = new((_, _) => Get("/api/v1/me/trips/calendar"), SignedIn200),
        ["POST /api/v1/me/trips/calendar/rotate"] = new((_, _) => Send(HttpMethod.Post, "/api/v1/me/trips/calendar/rotate"), SignedIn200),
        ["GET /api/v1/trips/calendar.ics"] = new((_, _) => Get("/api/v1/trips/calendar.ics?token=not-anyones"), [404, 404, 404, 404, 404, 404]),
        // Inviting spoils nothing for the next caller: the confirmed booking's guest may bring one companion, and each actor's try is its own.
        ["POST /api/v1/bookings/{id:guid}/travellers/"] = new((w, _) => Send(HttpMethod.Post, $"/api/v1/bookings/{w.ConfirmedBookingId}/travellers", new { email = TestUsers.NewEmail("friend") }),
            [401, 201, 404, 403, 404, 403], Isolation.FreshResourcesPerActor),
        ["GET /api/v1/bookings/{id:guid}/travellers/"] = new((w, _) => Get($"/api/v1/bookings/{w.ConfirmedBookingId}/travellers"), [401, 200, 404, 403, 404, 200]),
        ["DELETE /api/v1/bookings/{id:guid}/travellers/{travellerId:guid}"] = new((w, _) => Send(HttpMethod.Delete, $"/api/v1/bookings/{w.ConfirmedBookingId}/travellers/{Guid.NewGuid()}"), [401, 404, 404, 403, 404, 403]),
        ["GET /api/v1/trip-invitations/"] = new((_, _) => Get("/api/v1/trip-invitations"), SignedIn200),
        ["POST /api/v1/trip-invitations/{invitationId:guid}/accept"] = new((_, _) => Send(HttpMethod.Post, $"/api/v1/trip-invitations/{Guid.NewGuid()}/accept"), [401, 404, 404, 404, 404, 404]),
        ["POST /api/v1/trip-invitations/{invitationId:guid}/decline"] = new((_, _) => Send(HttpMethod.Post, $"/api/v1/trip-invitations/{Guid.NewGuid()}/decline"), [401, 404, 404, 404, 404, 404]),
        // No row sets a real receiver: the world's users have no webhook, so reading or changing one finds nothing.
        ["PUT /api/v1/me/webhook/"] = new((_, _) => Send(HttpMethod.Put, "/api/v1/me/webhook", new { url = "ftp://example.test/hook" }), [401, 422, 422, 422, 422, 422]),
        ["GET /api/v1/me/webhook/"] = new((_, _) => Get("/api/v1/me/webhook"), [401, 404, 404, 404, 404, 404]),
        ["POST /api/v1/me/webhook/ping"] = new((_, _) => Send(HttpMethod.Post, "/api/v1/me/webhook/ping"), [401, 404, 404, 404, 404, 404]),
        ["POST /api/v1/me/webhook/enable"] = new((_, _) => Send(HttpMethod.Post, "/api/v1/me/webhook/enable"), [401, 404, 404, 404, 404, 404]),
        ["DELETE /api/v1/me/webhook/"] = new((_, _) => Send(HttpMethod.Delete, "/api/v1/me/webhook"), [401, 404, 404, 404, 404, 404]),
        ["POST /api/v1/me/saved-searches/"] = new((_, a) => Send(HttpMethod.Post, "/api/v1/me/saved-searches", new { name = $"Lisbon {a}", query = "location=lisbon" }), [401, 201, 201, 201, 201, 201]),
        ["GET /api/v1/me/saved-searches/"] = new((_, _) => Get("/api/v1/me/saved-searches"), SignedIn200),
        ["PATCH /api/v1/me/saved-searches/{id:guid}"] = new((_, _) => Send(HttpMethod.Patch, $"/api/v1/me/saved-searches/{Guid.NewGuid()}", new { alerts = false }), [401, 404, 404, 404, 404, 404]),
        ["DELETE /api/v1/me/saved-searches/{id:guid}"] = new((_, _) => Send(HttpMethod.Delete, $"/api/v1/me/saved-searches/{Guid.NewGuid()}"), [401, 404, 404, 404, 404, 404]),
        ["GET /api/v1/conversations/"] = new((_, _) => Get("/api/v1/conversations"), SignedIn200),
        ["POST /api/v1/conversations/"] = new((w, _) => Send(HttpMethod.Post, "/api/v1/conversations", new { listingId = w.ListingId, text = "Is it quiet?" }), [401, 201, 201, 422, 201, 201]),
        ["GET /api/v1/conversations/{id:guid}/messages"] = new((w, _) => Get($"/api/v1/conversations/{w.ConversationId}/messages"), Participant(200)),
        ["POST /api/v1/conversations/{id:guid}/messages"] = new((w, _) => Send(HttpMethod.Post, $"/api/v1/conversations/{w.ConversationId}/messages", new { text = "Hello" }), [401, 201, 404, 201, 404, 404]),
        ["POST /api/v1/conversations/{id:guid}/read"] = new((w, _) => Send(HttpMethod.Post, $"/api/v1/conversations/{w.ConversationId}/read"), [401, 204, 404, 204, 404, 404]),

        ["POST /api/v1/bookings/{id:guid}/reviews"] = new((w, _) => Send(HttpMethod.Post, $"/api/v1/bookings/{w.ConfirmedBookingId}/reviews", new { rating = 5, comment = "x" }), [401, 400, 403, 400, 403, 403]),
        ["GET /api/v1/listings/{id:guid}/reviews"] = new((w, _) => Get($"/api/v1/listings/{w.ListingId}/reviews"), Everyone200),
        ["GET /api/v1/users/{id:guid}/reviews"] = new((w, _) => Get($"/api/v1/users/{w.Guest.Id}/reviews"), Everyone200),
        ["POST /api/v1/reviews/{id:guid}/response"] = new((_, _) => Send(HttpMethod.Post, $"/api/v1/reviews/{Guid.NewGuid()}/response", new { text = "Thanks" }), [401, 404, 404, 404, 404, 404]),

        ["GET /api/v1/notifications/"] = new((_, _) => Get("/api/v1/notifications"), SignedIn200),
        ["POST /api/v1/notifications/{id:guid}/read"] = new((_, _) => Send(HttpMethod.Post, $"/api/v1/notifications/{Guid.NewGuid()}/read"), [401, 404, 404, 404, 404, 404]),
        ["POST /api/v1/notifications/read-all"] = new((_, _) => Send(HttpMethod.Post, "/api/v1/notifications/read-all"), [401, 200, 200, 200, 200, 200]),
        ["GET /api/v1/me/email-preferences/"] = new((_, _) => Get("/api/v1/me/email-preferences"), SignedIn200),
        ["PATCH /api/v1/me/email-preferences/"] = new((_, _) => Send(HttpMethod.Patch, "/api/v1/me/email-preferences", new { reviews = true }), SignedIn200),
        ["POST /api/v1/email-preferences/unsubscribe"] = new((_, _) => Send(HttpMethod.Post, "/api/v1/email-preferences/unsubscribe?token=not-a-token"), [400, 400, 400, 400, 400, 400]),

        // GraphQL answers 200 to everyone at the HTTP level; its per-field answers (UNAUTHENTICATED, NOT_FOUND …) are in GraphQL/.
        ["POST /graphql"] = new((_, _) => Send(HttpMethod.Post, "/graphql", new { query = "{ amenities { code } }" }), Everyone200),
        ["GET /graphql"] = new((_, _) => Get("/graphql?query=" + Uri.EscapeDataString("{ amenities { code } }")), Everyone200),
        ["GET /graphql/explorer/{file}"] = new((_, _) => Get("/graphql/explorer/graphiql.min.css"), Everyone200),

        ["* /health/live"] = new((_, _) => Get("/health/live"), Everyone200),
        ["* /health/ready"] = new((_, _) => Get("/health/ready"), Everyone200),
        // Scrapers present the configured scrape token, which no user's access token is.
        ["* /metrics"] = new((_, _) => Get("/metrics"), [404, 404, 404, 404, 404, 404]),
        ["GET /openapi/{documentName}.json"] = new((_, _) => Get("/openapi/v1.json"), Everyone200),
        ["GET /docs/{documentName?}"] = new((_, _) => Get("/docs/v1"), Everyone200),
        ["GET /docs/scalar.js"] = new((_, _) => Get("/docs/scalar.js"), Everyone200),
        ["GET /docs/scalar.aspnetcore.js"] = new((_, _) => Get("/docs/scalar.aspnetcore.js"), Everyone200),
        ["GET /docs/favicon.svg"] = new((_, _) => Get("/docs/favicon.svg"), Everyone200),
        ["* /jobs/{**path}"] = new((_, _) => Get("/jobs"), [401, 403, 403, 403, 403, 200]),
    };

    [Fact]
    public void Every_registered_route_has_a_row()
    {
        var registered = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} {e.RoutePattern.RawText}"))
            .Distinct()
            .ToList();

        registered.Except(Matrix.Keys).ShouldBeEmpty("routes without a row in the authorization matrix");
        Matrix.Keys.Except(registered).ShouldBeEmpty("rows for routes that no longer exist");
    }

    [Fact]
    public async Task Every_route_answers_each_caller_as_the_matrix_says()
    {
        var people = await PeopleAsync();
        var shared = await NewWorldAsync(people, await SignInAsync(people));
        var mismatches = new List<string>();
        foreach (var (route, row) in Matrix)
        {
            var world = row.Isolation == Isolation.FreshSessionsPerRow ? await NewWorldAsync(people, await SignInAsync(people)) : shared;
            foreach (var actor in Enum.GetValues<Actor>())
            {
                if (row.Isolation == Isolation.FreshResourcesPerActor)
                {
                    world = await NewWorldAsync(people, world.Users);
                }

                using var request = row.Request(world, actor);
                var client = world.User(actor) is { } user ? app.ClientWithToken(user.AccessToken) : app.CreateClient();
                var response = await client.SendAsync(request);
                var expected = row.Expected[(int)actor];
                if ((int)response.StatusCode != expected)
                {
                    mismatches.Add($"{route} as {actor}: expected {expected}, got {(int)response.StatusCode}");
                }
            }
        }

        mismatches.ShouldBeEmpty();
    }

    [Fact]
    public async Task Private_reads_return_only_the_callers_own_data()
    {
        var people = await PeopleAsync();
        var world = await NewWorldAsync(people, await SignInAsync(people));
        foreach (var actor in new[] { Actor.OtherGuest, Actor.Host, Actor.Admin })
        {
            var client = world.User(actor)!.Client;
            var me = await client.GetFromJsonAsync<UserResponse>("/api/v1/me");
            me!.Id.ShouldBe(world.User(actor)!.Id);
            var sessions = await client.GetFromJsonAsync<List<SessionResponse>>("/api/v1/me/sessions");
            sessions!.ShouldNotContain(s => s.Id == world.GuestSessionId);
        }

        var othersListings = await world.User(Actor.OtherHost)!.Client.GetStringAsync("/api/v1/host/listings");
        othersListings.ShouldNotContain(world.ListingId.ToString());
    }

    private async Task<Dictionary<Actor, TestUser>> PeopleAsync() => new()
    {
        [Actor.Guest] = await app.RegisterGuestAsync(),
        [Actor.OtherGuest] = await app.RegisterGuestAsync(),
        [Actor.Host] = await app.RegisterHostAsync(),
        [Actor.OtherHost] = await app.RegisterHostAsync(),
        [Actor.Admin] = await app.RegisterAdminAsync(),
    };

    private async Task<IReadOnlyDictionary<Actor, TestUser>> SignInAsync(Dictionary<Actor, TestUser> people)
    {
        var signedIn = new Dictionary<Actor, TestUser>();
        foreach (var (actor, user) in people)
        {
            var tokens = await app.LoginAsync(user.Email, user.Password);
            signedIn[actor] = user with { AccessToken = tokens.AccessToken, RefreshToken = tokens.RefreshToken, Client = app.ClientWithToken(tokens.AccessToken) };
        }

        return signedIn;
    }

    private async Task<MatrixWorld> NewWorldAsync(Dictionary<Actor, TestUser> people, IReadOnlyDictionary<Actor, TestUser> signedIn)
    {
        var host = signedIn[Actor.Host];
        var listing = await host.CreatePublishedAsync();
        var draft = await host.CreateDraftAsync();
        await host.UploadPhotoAsync(draft.Id);
        var imported = await host.Client.PostAsJsonAsync($"/api/v1/listings/{listing.Id}/calendar/imports", new { url = $"http://127.0.0.1:9/{Guid.NewGuid():N}.ics" });
        var import = (await imported.Content.ReadFromJsonAsync<CalendarImportResponse>())!;
        var export = (await host.Client.GetFromJsonAsync<CalendarExportResponse>($"/api/v1/listings/{listing.Id}/calendar/export"))!;
        var sessions = (await signedIn[Actor.Guest].Client.GetFromJsonAsync<List<SessionResponse>>("/api/v1/me/sessions"))!;
        var requestListing = await host.CreatePublishedAsync();
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{requestListing.Id}", new { instantBook = false })).EnsureSuccessStatusCode();
        var pending = await signedIn[Actor.Guest].BookAsync(requestListing.Id, TestBookings.Soon(), 2);
        var confirmed = await signedIn[Actor.Guest].BookAsync(listing.Id, TestBookings.Soon(), 2);
        var wishlist = await (await signedIn[Actor.Guest].Client.PostAsJsonAsync("/api/v1/wishlists", new { name = $"Saved {Guid.NewGuid():N}" })).ReadAsync<Roost.Features.Wishlists.WishlistSummary>(HttpStatusCode.Created);
        (await signedIn[Actor.Guest].Client.PutAsync($"/api/v1/wishlists/{wishlist.Id}/listings/{listing.Id}", null)).EnsureSuccessStatusCode();
        var conversation = await (await signedIn[Actor.Guest].Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text = "Hi" })).ReadAsync<Roost.Features.Messaging.ConversationResponse>(HttpStatusCode.Created);
        return new MatrixWorld(
            signedIn,
            sessions.Single(s => s.Current).Id,
            listing.Id,
            listing.Photos[0].Id,
            listing.Photos[0].Url,
            draft.Id,
            import.Id,
            export.Url.Split("token=")[1],
            pending.Id,
            confirmed.Id,
            wishlist.Id,
            conversation.Id);
    }
}
