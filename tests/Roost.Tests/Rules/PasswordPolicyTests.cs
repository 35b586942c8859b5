using Roost.Features.Accounts;

namespace Roost.Tests.Rules;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("correct horse battery")]
    [InlineData("Tr0ub4dor&3-but-longer")]
    [InlineData("ümlauts-and-ß-count-too")]
    public void Long_uncommon_passwords_pass(string password) =>
        PasswordPolicy.Check(password, "maria@example.test").ShouldBeEmpty();

    [Theory]
    [InlineData("short")]
    [InlineData("elevenchars")]
    public void Passwords_under_12_characters_fail(string password) =>
        PasswordPolicy.Check(password, "maria@example.test").ShouldContain(p => p.Contains("12"));

    [Theory]
    [InlineData("password1234")]
    [InlineData("QWERTYUIOP123")]
    [InlineData("123456789012")]
    [InlineData("iloveyou2025")]
    public void Common_passwords_fail_whatever_their_case(string password) =>
        PasswordPolicy.Check(password, "maria@example.test").ShouldContain(p => p.Contains("commonly used"));

    [Fact]
    public void A_password_containing_the_email_name_fails() =>
        PasswordPolicy.Check("mariasilva-rocks", "MariaSilva@example.test").ShouldContain(p => p.Contains("e-mail"));

    [Fact]
    public void A_password_of_few_distinct_characters_fails() =>
        PasswordPolicy.Check("abababababababab", "maria@example.test").ShouldNotBeEmpty();

    [Fact]
    public void Overlong_passwords_fail_so_hashing_cannot_be_abused() =>
        PasswordPolicy.Check(new string('x', 60) + new string('y', 60) + "abcdefghij", "maria@example.test").ShouldContain(p => p.Contains("128"));
}
