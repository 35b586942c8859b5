using Roost.Platform.Observability;

namespace Roost.Platform.Money;

public static class ExchangeRateSetup
{
    public static IHostApplicationBuilder AddExchangeRates(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ExchangeRateOptions>().Bind(builder.Configuration.GetSection(ExchangeRateOptions.Section));
        builder.Services.AddScoped<ExchangeRates>();
        builder.Services.AddHttpClient<ExchangeRateFeed>();
        builder.Services.AddScoped<IBacklog, StaleExchangeRates>();
        return builder;
    }
}
