using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Features.Listings;
using Roost.Platform.Auth;
using Roost.Platform.Data;
using Roost.Platform.Money;

namespace Roost;

/// <summary>Demo accounts for `./roost run`. Safe to run on every start: what exists is left alone.</summary>
internal static class DemoData
{
    public const string Password = DemoListings.DemoPassword;

    public static readonly (string Email, string FirstName, string LastName, string[] Roles)[] Accounts =
    [
        ("guest@roost.test", "Gwen", "Guest", [Roles.Guest]),
        ("host@roost.test", "Hugo", "Host", [Roles.Guest, Roles.Host]),
        ("admin@roost.test", "Ada", "Admin", [Roles.Guest, Roles.Admin]),
    ];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<AccountAdministration>();
        foreach (var (email, firstName, lastName, roles) in Accounts)
        {
            await admin.EnsureUserAsync(email, Password, firstName, lastName, roles, cancellationToken);
        }

        await scope.ServiceProvider.GetRequiredService<DemoListings>().SeedAsync(200, cancellationToken);

        // Until the daily job reaches the ECB (a machine without internet never does), prices can still be shown in
        // other currencies: a snapshot of reference rates, dated as it is, which the first real fetch replaces.
        var db = scope.ServiceProvider.GetRequiredService<RoostDb>();
        if (!await db.Set<ExchangeRate>().AnyAsync(cancellationToken))
        {
            await ExchangeRateFeed.StoreAsync(db, DemoRatesAsOf, DemoRates, DateTimeOffset.UtcNow);
        }
    }

    private static readonly DateOnly DemoRatesAsOf = new(2026, 11, 20);

    private static readonly Dictionary<string, decimal> DemoRates = new()
    {
        ["EUR"] = 1m, ["USD"] = 1.0812m, ["GBP"] = 0.8391m, ["JPY"] = 163.42m, ["CHF"] = 0.9487m, ["AUD"] = 1.6478m,
        ["CAD"] = 1.5103m, ["SEK"] = 11.482m, ["NOK"] = 11.705m, ["DKK"] = 7.4589m, ["PLN"] = 4.3126m, ["CZK"] = 25.114m,
        ["HUF"] = 404.85m, ["MXN"] = 21.974m, ["BRL"] = 6.2215m, ["ZAR"] = 19.387m, ["TRY"] = 37.254m, ["INR"] = 91.236m,
        ["SGD"] = 1.4307m, ["THB"] = 37.398m, ["ISK"] = 148.9m, ["HKD"] = 8.4187m, ["KRW"] = 1508.7m, ["NZD"] = 1.8212m,
    };
}
