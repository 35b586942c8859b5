using System.Security.Claims;
using Roost.Features.Accounts;
using Roost.Features.Bookings;
using Roost.Features.Claims;
using Roost.Features.Listings;
using Roost.Features.Messaging;
using Roost.Features.Notifications;
using Roost.Features.Payments;
using Roost.Features.Reviews;
using Roost.Features.Search;
using Roost.Features.Wishlists;
using Roost.Platform.Auth;
using Roost.Platform.Errors;
using Roost.Platform.Http;

namespace Roost.Features.Privacy;

public sealed record ConversationExport(ConversationResponse Conversation, IReadOnlyList<MessageResponse> Messages);

/// <summary>Everything Roost holds about one user, as each feature shows it to them (GDPR Art. 15 and 20).</summary>
public sealed record DataExportDocument(
    DateTimeOffset ExportedAt,
    UserResponse Profile,
    IReadOnlyList<SessionResponse> Sessions,
    IReadOnlyList<BookingResponse> Bookings,
    IReadOnlyList<ChangeResponse> BookingChanges,
    IReadOnlyList<ClaimResponse> StayClaims,
    IReadOnlyList<ListingResponse> Listings,
    IReadOnlyList<ReviewResponse> ReviewsWritten,
    IReadOnlyList<ReviewResponse> ReviewsReceived,
    IReadOnlyList<ConversationExport> Conversations,
    IReadOnlyList<WishlistResponse> Wishlists,
    IReadOnlyList<NotificationResponse> Notifications,
    EmailPreferencesResponse EmailPreferences,
    IReadOnlyList<PayoutResponse> Payouts,
    IReadOnlyList<CoHostResponse> CoHosting,
    IReadOnlyList<SavedSearchResponse> SavedSearches,
    WebhookResponse? Webhook,
    IReadOnlyList<TravellerResponse> TripInvitations);

/// <summary>
/// A user's copy of their data, gathered through each feature's own reads (what the user may see, as they would see
/// it), so nothing leaks that the API would not show them and nothing is left out that it would.
/// </summary>
public sealed class DataExport(
    Profiles profiles,
    UserSessions sessions,
    BookingQueries bookings,
    BookingChanges bookingChanges,
    StayClaims stayClaims,
    ListingReader listings,
    ReviewReading reviews,
    Conversations conversations,
    WishlistBook wishlists,
    Inbox inbox,
    EmailPreferences emailPreferences,
    Payouts payouts,
    CoHosts coHosts,
    SavedSearches savedSearches,
    Webhooks webhooks,
    TripGuests tripGuests,
    TimeProvider time)
{
    private const int PageSize = 50;

    public async Task<Outcome<DataExportDocument>> ForAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var profile = await profiles.GetMineAsync(userId, cancellationToken);
        if (profile.Failure is { } failure)
        {
            return failure;
        }

        var threads = new List<ConversationExport>();
        foreach (var conversation in await EveryPageAsync<ConversationResponse, MessagesCursor>(after => conversations.ListAsync(userId, PageSize, after, cancellationToken)))
        {
            var messages = await EveryPageAsync<MessageResponse, MessagesCursor>(async after =>
                (await conversations.MessagesAsync(conversation.Id, user, PageSize, after, cancellationToken)).Value!);
            threads.Add(new ConversationExport(conversation, messages));
        }

        var lists = new List<WishlistResponse>();
        foreach (var wishlist in await wishlists.ListAsync(userId, cancellationToken))
        {
            lists.Add((await wishlists.GetAsync(userId, wishlist.Id, null, null, 1, cancellationToken)).Value!);
        }

        return new DataExportDocument(
            time.GetUtcNow(),
            profile.Value!,
            await sessions.ListActiveAsync(userId, user.SessionId(), cancellationToken),
            await bookings.AllOfUserAsync(userId, cancellationToken),
            await bookingChanges.AllOfUserAsync(userId, cancellationToken),
            await stayClaims.AllOfUserAsync(userId, cancellationToken),
            await listings.AllOfHostAsync(userId, cancellationToken),
            await reviews.WrittenByAsync(userId, cancellationToken),
            await EveryPageAsync<ReviewResponse, ReviewsCursor>(after => reviews.AboutUserAsync(userId, PageSize, after, cancellationToken)),
            threads,
            lists,
            await EveryPageAsync<NotificationResponse, NotificationsCursor>(async after =>
            {
                var page = await inbox.ListAsync(userId, PageSize, after, cancellationToken);
                return new Page<NotificationResponse>(page.Items, page.NextCursor);
            }),
            await emailPreferences.GetAsync(userId, cancellationToken),
            await EveryPageAsync<PayoutResponse, PayoutCursor>(after => payouts.ListAsync(userId, PageSize, after, cancellationToken)),
            await coHosts.MineAsync(userId, cancellationToken),
            await savedSearches.ListAsync(userId, cancellationToken),
            (await webhooks.GetAsync(userId, cancellationToken)).Value,
            await tripGuests.MineAsync(userId, cancellationToken));
    }

    /// <summary>Follows a keyset-paged read to its end, through the cursors it hands out.</summary>
    private static async Task<List<T>> EveryPageAsync<T, TCursor>(Func<TCursor?, Task<Page<T>>> read) where TCursor : class
    {
        var all = new List<T>();
        TCursor? after = null;
        while (true)
        {
            var page = await read(after);
            all.AddRange(page.Items);
            if (page.NextCursor is null || !Cursor.TryDecode(page.NextCursor, out after))
            {
                return all;
            }
        }
    }
}
