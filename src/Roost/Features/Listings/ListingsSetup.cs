using Roost.Features.Accounts;

namespace Roost.Features.Listings;

public static class ListingsSetup
{
    public static IHostApplicationBuilder AddListings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<HostListings>();
        builder.Services.AddScoped<ListingModeration>();
        builder.Services.AddScoped<ListingReader>();
        builder.Services.AddScoped<ListingChanges>();
        builder.Services.AddScoped<ListingPhotos>();
        builder.Services.AddScoped<DemoListings>();
        builder.Services.AddScoped<CoHosts>();
        builder.Services.AddScoped<IAccountErasure, CoHosts.Erasure>();
        return builder;
    }

    public static RouteGroupBuilder MapListingsFeature(this RouteGroupBuilder api) =>
        api.MapListings().MapListingPhotos().MapCoHosts();
}
