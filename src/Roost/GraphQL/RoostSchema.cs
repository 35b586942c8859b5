using GraphQL.Types;
using Roost.Features.Accounts;
using Roost.Features.Admin;
using Roost.Features.Bookings;
using Roost.Features.Calendar;
using Roost.Features.Claims;
using Roost.Features.Listings;
using Roost.Features.Messaging;
using Roost.Features.Notifications;
using Roost.Features.Payments;
using Roost.Features.Reports;
using Roost.Features.Reviews;
using Roost.Features.Search;
using Roost.Features.Wishlists;

namespace Roost.GraphQL;

/// <summary>
/// The schema root. Every feature declares its own types and root fields in its folder (<c>XxxGraph.cs</c>); this
/// only gathers them, so a feature adds its REST route and its GraphQL field side by side.
/// </summary>
public sealed class RoostSchema : Schema
{
    public RoostSchema(IServiceProvider services) : base(services)
    {
        var query = new ObjectGraphType { Name = "Query" };
        query.AddAccountQueries();
        query.AddListingQueries();
        query.AddCoHostQueries();
        query.AddCalendarQueries();
        query.AddSearchQueries();
        query.AddSimilarListingsQuery();
        query.AddSavedSearchQueries();
        query.AddBookingQueries();
        query.AddTripGuestQueries();
        query.AddTripCalendarQueries();
        query.AddPaymentQueries();
        query.AddMessagingQueries();
        query.AddReviewQueries();
        query.AddSuperhostQuery();
        query.AddWishlistQueries();
        query.AddNotificationQueries();
        query.AddWebhookQueries();
        query.AddAdminQueries();
        query.AddReportQueries();
        query.AddClaimQueries();

        var mutation = new ObjectGraphType { Name = "Mutation" };
        mutation.AddAccountMutations();
        mutation.AddListingMutations();
        mutation.AddCoHostMutations();
        mutation.AddPhotoMutations();
        mutation.AddCalendarMutations();
        mutation.AddBookingMutations();
        mutation.AddBookingChangeMutations();
        mutation.AddTripGuestMutations();
        mutation.AddTripCalendarMutations();
        mutation.AddOfferMutations();
        mutation.AddClaimMutations();
        mutation.AddAdminBookingMutations();
        mutation.AddPaymentMutations();
        mutation.AddReviewMutations();
        mutation.AddMessagingMutations();
        mutation.AddWishlistMutations();
        mutation.AddSavedSearchMutations();
        mutation.AddNotificationMutations();
        mutation.AddWebhookMutations();
        mutation.AddAdminMutations();
        mutation.AddReportMutations();

        Query = query;
        Mutation = mutation;
    }
}
