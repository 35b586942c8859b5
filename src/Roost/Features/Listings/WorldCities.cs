namespace Roost.Features.Listings;

/// <summary>A place guests look for: where it is, its time zone and currency, and a typical nightly price in minor units.</summary>
public sealed record City(string Name, string Region, string Country, double Lat, double Lng, string TimeZone, string Currency, long TypicalNight);

/// <summary>Fifty cities the demo seed (the first twelve) and the benchmark dataset (all) put homes in.</summary>
public static class WorldCities
{
    public static readonly City[] All =
    [
        new("Lisbon", "Lisboa", "PT", 38.7223, -9.1393, "Europe/Lisbon", "EUR", 9500),
        new("Porto", "Porto", "PT", 41.1579, -8.6291, "Europe/Lisbon", "EUR", 8000),
        new("Madrid", "Madrid", "ES", 40.4168, -3.7038, "Europe/Madrid", "EUR", 11000),
        new("Barcelona", "Catalonia", "ES", 41.3874, 2.1686, "Europe/Madrid", "EUR", 13000),
        new("Seville", "Andalusia", "ES", 37.3891, -5.9845, "Europe/Madrid", "EUR", 9000),
        new("Paris", "Île-de-France", "FR", 48.8566, 2.3522, "Europe/Paris", "EUR", 16000),
        new("Nice", "Provence", "FR", 43.7102, 7.2620, "Europe/Paris", "EUR", 14000),
        new("London", "England", "GB", 51.5072, -0.1276, "Europe/London", "GBP", 15000),
        new("Edinburgh", "Scotland", "GB", 55.9533, -3.1883, "Europe/London", "GBP", 12000),
        new("Dublin", "Leinster", "IE", 53.3498, -6.2603, "Europe/Dublin", "EUR", 14000),
        new("Amsterdam", "North Holland", "NL", 52.3676, 4.9041, "Europe/Amsterdam", "EUR", 17000),
        new("Berlin", "Berlin", "DE", 52.5200, 13.4050, "Europe/Berlin", "EUR", 11000),
        new("Munich", "Bavaria", "DE", 48.1351, 11.5820, "Europe/Berlin", "EUR", 13000),
        new("Vienna", "Vienna", "AT", 48.2082, 16.3738, "Europe/Vienna", "EUR", 11000),
        new("Prague", "Prague", "CZ", 50.0755, 14.4378, "Europe/Prague", "CZK", 250000),
        new("Kraków", "Małopolska", "PL", 50.0647, 19.9450, "Europe/Warsaw", "PLN", 35000),
        new("Budapest", "Budapest", "HU", 47.4979, 19.0402, "Europe/Budapest", "HUF", 3500000),
        new("Rome", "Lazio", "IT", 41.9028, 12.4964, "Europe/Rome", "EUR", 12000),
        new("Florence", "Tuscany", "IT", 43.7696, 11.2558, "Europe/Rome", "EUR", 13000),
        new("Venice", "Veneto", "IT", 45.4408, 12.3155, "Europe/Rome", "EUR", 17000),
        new("Athens", "Attica", "GR", 37.9838, 23.7275, "Europe/Athens", "EUR", 9000),
        new("Istanbul", "Istanbul", "TR", 41.0082, 28.9784, "Europe/Istanbul", "TRY", 250000),
        new("Copenhagen", "Capital Region", "DK", 55.6761, 12.5683, "Europe/Copenhagen", "DKK", 120000),
        new("Stockholm", "Stockholm", "SE", 59.3293, 18.0686, "Europe/Stockholm", "SEK", 150000),
        new("Oslo", "Oslo", "NO", 59.9139, 10.7522, "Europe/Oslo", "NOK", 160000),
        new("Reykjavík", "Capital Region", "IS", 64.1466, -21.9426, "Atlantic/Reykjavik", "ISK", 25000),
        new("Zürich", "Zürich", "CH", 47.3769, 8.5417, "Europe/Zurich", "CHF", 20000),
        new("New York", "New York", "US", 40.7128, -74.0060, "America/New_York", "USD", 22000),
        new("Miami", "Florida", "US", 25.7617, -80.1918, "America/New_York", "USD", 19000),
        new("Chicago", "Illinois", "US", 41.8781, -87.6298, "America/Chicago", "USD", 15000),
        new("Austin", "Texas", "US", 30.2672, -97.7431, "America/Chicago", "USD", 14000),
        new("Denver", "Colorado", "US", 39.7392, -104.9903, "America/Denver", "USD", 13000),
        new("Los Angeles", "California", "US", 34.0522, -118.2437, "America/Los_Angeles", "USD", 20000),
        new("San Francisco", "California", "US", 37.7749, -122.4194, "America/Los_Angeles", "USD", 23000),
        new("Seattle", "Washington", "US", 47.6062, -122.3321, "America/Los_Angeles", "USD", 17000),
        new("Montréal", "Québec", "CA", 45.5019, -73.5674, "America/Toronto", "CAD", 15000),
        new("Vancouver", "British Columbia", "CA", 49.2827, -123.1207, "America/Vancouver", "CAD", 19000),
        new("Mexico City", "CDMX", "MX", 19.4326, -99.1332, "America/Mexico_City", "MXN", 180000),
        new("Cancún", "Quintana Roo", "MX", 21.1619, -86.8515, "America/Cancun", "MXN", 220000),
        new("Buenos Aires", "Buenos Aires", "AR", -34.6037, -58.3816, "America/Argentina/Buenos_Aires", "ARS", 9000000),
        new("Rio de Janeiro", "Rio de Janeiro", "BR", -22.9068, -43.1729, "America/Sao_Paulo", "BRL", 45000),
        new("Cape Town", "Western Cape", "ZA", -33.9249, 18.4241, "Africa/Johannesburg", "ZAR", 150000),
        new("Marrakesh", "Marrakesh-Safi", "MA", 31.6295, -7.9811, "Africa/Casablanca", "MAD", 90000),
        new("Dubai", "Dubai", "AE", 25.2048, 55.2708, "Asia/Dubai", "AED", 60000),
        new("Bangkok", "Bangkok", "TH", 13.7563, 100.5018, "Asia/Bangkok", "THB", 250000),
        new("Bali", "Bali", "ID", -8.4095, 115.1889, "Asia/Makassar", "IDR", 90000000),
        new("Singapore", "Singapore", "SG", 1.3521, 103.8198, "Asia/Singapore", "SGD", 25000),
        new("Tokyo", "Tokyo", "JP", 35.6762, 139.6503, "Asia/Tokyo", "JPY", 18000),
        new("Seoul", "Seoul", "KR", 37.5665, 126.9780, "Asia/Seoul", "KRW", 150000),
        new("Sydney", "New South Wales", "AU", -33.8688, 151.2093, "Australia/Sydney", "AUD", 25000),
    ];
}
