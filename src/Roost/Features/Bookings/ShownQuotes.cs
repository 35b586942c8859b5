using Roost.Platform.Errors;
using Roost.Platform.Money;

namespace Roost.Features.Bookings;

/// <summary>A quote as a guest asks for it: with <c>currency=</c>, its sums also in that currency (<see cref="QuoteDisplay"/>).</summary>
public sealed class ShownQuotes(Quotes quotes, ExchangeRates rates)
{
    public async Task<Outcome<Quote>> QuoteAsync(Guid listingId, DateOnly checkIn, DateOnly checkOut, Party party, string? currency, CancellationToken cancellationToken)
    {
        var display = await rates.ForRequestAsync(currency, cancellationToken);
        if (display.Failure is { } refused)
        {
            return refused;
        }

        var converter = display.Value;
        var quote = await quotes.QuoteAsync(listingId, checkIn, checkOut, party, cancellationToken);
        return converter is null || quote.Failure is not null ? quote : quote.Value! with { Display = QuoteDisplay.Of(quote.Value!, converter) };
    }
}
