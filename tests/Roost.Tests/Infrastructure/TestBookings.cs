using System.Net;
using System.Net.Http.Json;
using Roost.Features.Bookings;

namespace Roost.Tests.Infrastructure;

public static class TestBookings
{
    /// <summary>A day well inside any listing's booking window and past any advance notice the tests set.</summary>
    public static DateOnly Soon(int days = 40) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days);

    public static object Body(Guid listingId, DateOnly checkIn, int nights, int guests = 2, string paymentMethod = "pm_card_visa") =>
        new { listingId, checkIn, checkOut = checkIn.AddDays(nights), guests, paymentMethod };

    public static Task<HttpResponseMessage> PostBookingAsync(this HttpClient client, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return client.SendAsync(request);
    }

    public static async Task<BookingResponse> BookAsync(this TestUser guest, Guid listingId, DateOnly checkIn, int nights, int guests = 2)
    {
        var response = await guest.Client.PostBookingAsync(Body(listingId, checkIn, nights, guests));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<BookingResponse>(TestJson.Options))!;
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>(TestJson.Options))!;
    }
}
