using Roost.Platform.Money;

namespace Roost.Tests.Rules;

/// <summary>What a guest or host reads in a notification: every minor digit the currency has, no more, no fewer.</summary>
public sealed class MoneyDisplayTests
{
    [Theory]
    [InlineData(12345, "EUR", "123.45 EUR")]
    [InlineData(12350, "EUR", "123.50 EUR")]
    [InlineData(123456789, "USD", "1,234,567.89 USD")]
    [InlineData(5, "JPY", "5 JPY")]
    [InlineData(1234, "BHD", "1.234 BHD")]
    public void Amounts_read_in_major_units_with_the_currencys_digits(long minor, string currency, string expected) =>
        Currency.Format(minor, currency).ShouldBe(expected);
}
