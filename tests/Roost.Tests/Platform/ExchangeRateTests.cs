using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Roost.Platform.Data;
using Roost.Platform.Money;
using Roost.Tests.GraphQL;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Platform;

public sealed class ExchangeRateTests(ApiOnlyApp app) : IClassFixture<ApiOnlyApp>
{
    private static string Feed(string day, string usd) =>
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
          <gesmes:subject>Reference rates</gesmes:subject>
          <Cube><Cube time="{day}"><Cube currency="USD" rate="{usd}"/><Cube currency="JPY" rate="163.42"/><Cube currency="XAU" rate="0.0004"/></Cube></Cube>
        </gesmes:Envelope>
        """;

    [Fact]
    public async Task The_daily_job_keeps_the_ECBs_rates_and_keeps_the_last_good_ones_when_the_feed_fails_or_looks_back()
    {
        var (body, status) = (Feed("2026-11-26", "1.0812"), 200);
        var (server, url) = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsync(body);
        });
        await using var _ = server;
        Task<int> RefreshAsync() => app.WithScopeAsync(services => new ExchangeRateFeed(
            services.GetRequiredService<RoostDb>(), new HttpClient(), Options.Create(new ExchangeRateOptions { Url = url }),
            services.GetRequiredService<ExchangeRates>(), TimeProvider.System, NullLogger<ExchangeRateFeed>.Instance).RefreshAsync());
        Task<decimal> UsdAsync() => app.WithDbAsync(db => db.Set<ExchangeRate>().Where(r => r.Currency == "USD").Select(r => r.PerEuro).SingleAsync());
        Task<CurrencyConverter> ConverterAsync(string to) => app.WithScopeAsync(async services => (await services.GetRequiredService<ExchangeRates>().ToAsync(to, CancellationToken.None)).Value!);

        (await RefreshAsync()).ShouldBe(3, "EUR, USD and JPY; XAU is no currency Roost takes");

        var toUsd = await ConverterAsync("USD");
        toUsd.AsOf.ShouldBe(new DateOnly(2026, 11, 26));
        toUsd.Convert(new Money(10_000, "EUR")).ShouldBe(new Money(10_812, "USD"));
        (await ConverterAsync("JPY")).Convert(new Money(10_000, "EUR")).ShouldBe(new Money(16_342, "JPY"));
        (await ConverterAsync("EUR")).Convert(new Money(1, "JPY")).ShouldBe(new Money(1, "EUR"), "0.61 cents, rounded half away from zero");
        toUsd.Convert(new Money(500, "GBP")).ShouldBeNull("no rate for GBP");

        (body, status) = (Feed("2026-11-25", "2.0"), 200);
        await RefreshAsync();
        (await UsdAsync()).ShouldBe(1.0812m);
        (body, status) = ("maintenance", 503);
        (await RefreshAsync()).ShouldBe(0);
        (body, status) = ("<not xml", 200);
        (await RefreshAsync()).ShouldBe(0);
        (await UsdAsync()).ShouldBe(1.0812m);
        (body, status) = (Feed("2026-11-27", "1.0900"), 200);
        await RefreshAsync();
        (await UsdAsync()).ShouldBe(1.09m);
        (await ConverterAsync("USD")).AsOf.ShouldBe(new DateOnly(2026, 11, 27));
        (await app.WithScopeAsync(async services => await services.GetRequiredService<ExchangeRates>().ToAsync("KWD", CancellationToken.None))).Failure!.Status.ShouldBe(422);

        // A feed that stopped working shows as a backlog the monitor exports.
        var monitor = app.Services.GetRequiredService<Roost.Platform.Observability.BacklogMonitor>();
        await monitor.RefreshAsync(CancellationToken.None);
        monitor.Latest["exchange_rates_stale"].Items.ShouldBe(0);
        await app.WithDbAsync(db => db.Set<ExchangeRate>().ExecuteUpdateAsync(r => r.SetProperty(x => x.FetchedAt, DateTimeOffset.UtcNow.AddDays(-3))));
        await monitor.RefreshAsync(CancellationToken.None);
        monitor.Latest["exchange_rates_stale"].Items.ShouldBe(3);
        monitor.Latest["exchange_rates_stale"].OldestWait!.Value.ShouldBeGreaterThan(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
    }
}
