using Roost.Platform.Errors;
using Roost.Platform.Money;

namespace Roost.Features.Bookings;

/// <summary>A quote as a guest asks for it: with <c>currency=</c>, its sums also in that currency (<see cref="QuoteDisplay"/>).</summary>
public sealed class ShownQuotes(Quotes quotes, ExchangeRates rates)
{
    public async Task<Outcome<Quote>> QuoteAsync(Guid listingId, DateOnly checkIn, DateOnly checkOut, Party party, string? currency, CancellationToken cancellationToken)
    {
        CurrencyConverter? converter = null;
        if (currency is not null)
        {
            var code = currency.ToUpperInvariant();
            if (!Currency.IsKnown(code))
            {
                return Failure.Validation("currency", "An ISO 4217 code Roost knows, such as EUR, USD or JPY.");
            }

            var found = await rates.ToAsync(code, cancellationToken);
            if (found.Failure is { } failure)
            {
                return failure;
            }

            converter = found.Value;
        }

        var quote = await quotes.QuoteAsync(listingId, checkIn, checkOut, party, cancellationToken);
        return converter is null || quote.Failure is not null ? quote : quote.Value! with { Display = QuoteDisplay.Of(quote.Value!, converter) };
    }
}
