namespace Roost.Features.Search;

public static class SearchSetup
{
    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ListingSearch>();
        return builder;
    }
}
