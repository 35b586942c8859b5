namespace Roost.Features.Search;

public static class SearchSetup
{
    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<PopularSearches>();
        builder.Services.AddScoped<ListingSearch>();
        builder.Services.AddScoped<SimilarListings>();
        builder.Services.AddScoped<SearchPlaces>();
        builder.Services.AddScoped<SavedSearches>();
        builder.Services.AddScoped<Accounts.IAccountErasure, SavedSearches.Erasure>();
        return builder;
    }
}
