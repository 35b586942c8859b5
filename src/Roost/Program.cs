using Roost;
using Roost.Features.Accounts;
using Roost.Features.Admin;
using Roost.Features.Bookings;
using Roost.Features.Calendar;
using Roost.Features.Claims;
using Roost.Features.Listings;
using Roost.Features.Messaging;
using Roost.Features.Notifications;
using Roost.Features.Payments;
using Roost.Features.Privacy;
using Roost.Features.Reports;
using Roost.Features.Reviews;
using Roost.Features.Search;
using Roost.Features.Wishlists;
using Roost.GraphQL;
using Roost.Platform.Auth;
using Roost.Platform.Caching;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Files;
using Roost.Platform.GraphQL;
using Roost.Platform.Health;
using Roost.Platform.Http;
using Roost.Platform.Jobs;
using Roost.Platform.Money;
using Roost.Platform.Observability;
using Roost.Platform.RateLimits;
using Roost.Platform.Secrets;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<TimeProvider>(new DatabaseClock());
builder.AddRoostLogging();
builder.AddRoostMetrics();
builder.AddRoostData();
builder.AddRoostRedis();
builder.AddRoostProblems();
builder.AddRoostAuth();
builder.AddRoostRateLimits();
builder.AddRoostJobs();
builder.AddRoostHealth();
builder.AddRoostApiDocs();
builder.AddRoostFiles();
builder.AddSealing();
builder.AddExchangeRates();
builder.AddRoostIdempotency();
builder.AddAccounts();
builder.AddListings();
builder.AddCalendar();
builder.AddPayments();
builder.AddBookings();
builder.AddSearch();
builder.AddWishlists();
builder.AddMessaging();
builder.AddReviews();
builder.AddClaims();
builder.AddNotifications();
builder.AddAdmin();
builder.AddPrivacy();
builder.AddReports();
builder.AddRoostGraphQL<RoostSchema>();

var app = builder.Build();
if (await Commands.TryRunAsync(app, args))
{
    return;
}

await app.PrepareAsync();

app.UseRoostProblems();
app.UseRoostRequestLogging();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseRoostIdempotency();

app.MapRoostHealth();
app.MapRoostMetrics();
if (app.Configuration.Role() is not ProcessRole.Worker)
{
    app.MapRoostApiDocs();
    app.MapRoostJobsDashboard();
    app.MapRoostMedia();
    app.MapRoostGraphQL<RoostSchema>();
    app.MapAccountLinkPages();
    app.MapGroup("/api/v1").RefuseNulText().MapAccounts().MapListingsFeature().MapCalendar().MapBookings().MapSuperhost().MapTripGuests().MapTripCalendar().MapPayments().MapSearch().MapSavedSearches().MapWishlists().MapMessaging().MapReviews().MapClaims().MapNotifications().MapAdmin().MapPrivacy().MapReports();
}

app.Run();

public partial class Program;
