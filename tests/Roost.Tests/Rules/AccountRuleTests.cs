using Roost.Features.Accounts;

namespace Roost.Tests.Rules;

public sealed class AccountRuleTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("  Maria@Example.COM ", "maria@example.com")]
    [InlineData("maria.silva+roost@example.com", "maria.silva+roost@example.com")]
    public void Emails_compare_without_case_or_surrounding_space(string typed, string normalized) =>
        EmailAddress.Normalize(typed).ShouldBe(normalized);

    [Fact]
    public void A_new_user_is_a_guest_and_granting_a_role_twice_keeps_one()
    {
        var user = User.Register("Maria@Example.com", " Maria ", "Silva", " ", Now);
        user.Roles.ShouldBe(["guest"]);
        user.FirstName.ShouldBe("Maria");
        user.Phone.ShouldBeNull();
        user.NormalizedEmail.ShouldBe("maria@example.com");

        user.Grant("host", Now);
        user.Grant("host", Now);

        user.Roles.ShouldBe(["guest", "host"]);
        user.IsHost.ShouldBeTrue();
    }

    [Fact]
    public void A_session_is_active_until_revoked_or_expired_and_touching_slides_it()
    {
        var session = Session.Start(Guid.NewGuid(), new ClientInfo("phone", "10.0.0.1"), Now, TimeSpan.FromDays(30));
        session.IsActive(Now.AddDays(29)).ShouldBeTrue();
        session.IsActive(Now.AddDays(31)).ShouldBeFalse();

        session.Touch(new ClientInfo("phone", "10.0.0.2"), Now.AddDays(20), TimeSpan.FromDays(30));
        session.IsActive(Now.AddDays(31)).ShouldBeTrue();
        session.IpAddress.ShouldBe("10.0.0.2");

        session.Revoke("logout", Now.AddDays(21));
        session.Revoke("again", Now.AddDays(22));
        session.IsActive(Now.AddDays(21)).ShouldBeFalse();
        session.RevokedReason.ShouldBe("logout");
    }

    [Fact]
    public void Refresh_tokens_are_random_and_stored_only_as_their_hash()
    {
        var (first, firstHash) = TokenIssuer.NewRefreshToken();
        var (second, _) = TokenIssuer.NewRefreshToken();

        first.ShouldNotBe(second);
        firstHash.ShouldNotContain(first);
        firstHash.Length.ShouldBe(64);
        TokenIssuer.HashRefreshToken(first).ShouldBe(firstHash);
    }
}
