using Roost.Features.Accounts;
using Roost.Features.Listings;
using Roost.Platform.Auth;

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
    }
}
