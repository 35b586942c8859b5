using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Payments;

/// <summary>
/// A local HTTP server that answers the handful of Stripe API calls the gateway makes, the way Stripe documents them
/// (form-encoded requests, JSON objects, error bodies with code and decline_code), and records every request.
/// </summary>
public sealed class FakeStripe : IAsyncDisposable
{
    private readonly Dictionary<string, JsonObject> _intents = [];
    private readonly Dictionary<string, JsonObject> _customers = [];
    private readonly Dictionary<string, string> _answersByKey = [];
    private WebApplication? _app;

    public sealed record Call(string Method, string Path, IReadOnlyDictionary<string, string> Form, string? IdempotencyKey, string? Authorization, string Query);

    public List<Call> Calls { get; } = [];

    public string BaseUrl { get; private set; } = "";

    public async Task StartAsync() => (_app, BaseUrl) = await LoopbackServer.StartAsync(HandleAsync);

    private async Task HandleAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType
            ? (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString())
            : [];
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        var call = new Call(context.Request.Method, context.Request.Path.Value ?? "", form, key.Length == 0 ? null : key,
            context.Request.Headers.Authorization.ToString(), context.Request.QueryString.Value ?? "");
        (int Status, string Body) answer;
        lock (Calls)
        {
            Calls.Add(call);
            // Stripe replays the first answer to a repeated idempotency key.
            answer = call.IdempotencyKey is { } k && _answersByKey.TryGetValue(k, out var replay) ? (200, replay) : Answer(call);
            if (call.IdempotencyKey is { } newKey && answer.Status == 200)
            {
                _answersByKey.TryAdd(newKey, answer.Body);
            }
        }

        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.Body);
    }

    private (int, string) Answer(Call call)
    {
        var parts = call.Path.Trim('/').Split('/');
        switch (call.Method, parts)
        {
            case ("POST", ["v1", "payment_intents"]):
                var pm = call.Form.GetValueOrDefault("payment_method");
                var id = $"pi_fake_{_intents.Count + 1}";
                var amount = long.Parse(call.Form["amount"], System.Globalization.CultureInfo.InvariantCulture);
                if (pm == "pm_card_chargeDeclined")
                {
                    return (402, Error("card_error", "card_declined", "generic_decline", "Your card was declined.", new JsonObject { ["id"] = id, ["object"] = "payment_intent", ["status"] = "requires_payment_method" }));
                }

                if (call.Form.GetValueOrDefault("customer") is { } owner && !_customers.ContainsKey(owner))
                {
                    return (400, Error("invalid_request_error", "resource_missing", null, $"No such customer: '{owner}'", null));
                }

                var manual = call.Form.GetValueOrDefault("capture_method") == "manual";
                var intent = new JsonObject
                {
                    ["id"] = id,
                    ["object"] = "payment_intent",
                    ["amount"] = amount,
                    ["amount_received"] = manual ? 0 : amount,
                    ["currency"] = call.Form["currency"],
                    ["status"] = manual ? "requires_capture" : "succeeded",
                    ["created"] = 1764158400,
                    ["metadata"] = new JsonObject { ["roost_reference"] = call.Form.GetValueOrDefault("metadata[roost_reference]") },
                    ["latest_charge"] = $"ch_fake_{_intents.Count + 1}",
                    ["customer"] = call.Form.GetValueOrDefault("customer"),
                    // A test token stands for a new card each time; saved to a customer, that card has an id of its own.
                    ["payment_method"] = pm is not null && pm.StartsWith("pm_card_", StringComparison.Ordinal) && call.Form.ContainsKey("customer") ? $"pm_fake_saved_{_intents.Count + 1}" : pm,
                };
                _intents[id] = intent;
                return (200, intent.ToJsonString());
            case ("POST", ["v1", "payment_intents", var intentId, var action]) when _intents.TryGetValue(intentId, out var existing):
                if ((string?)existing["status"] != "requires_capture")
                {
                    return (400, Error("invalid_request_error", "payment_intent_unexpected_state", null, $"This PaymentIntent's status is {existing["status"]}.", null));
                }

                existing["status"] = action == "capture" ? "succeeded" : "canceled";
                existing["amount_received"] = action == "capture" ? (long)existing["amount"]! : 0;
                return (200, existing.ToJsonString());
            case ("POST", ["v1", "customers"]):
                var customer = new JsonObject
                {
                    ["id"] = $"cus_fake_{_customers.Count + 1}",
                    ["object"] = "customer",
                    ["email"] = call.Form.GetValueOrDefault("email"),
                    ["name"] = call.Form.GetValueOrDefault("name"),
                };
                _customers[(string)customer["id"]!] = customer;
                return (200, customer.ToJsonString());
            case ("DELETE", ["v1", "customers", var customerId]):
                return _customers.Remove(customerId)
                    ? (200, new JsonObject { ["id"] = customerId, ["object"] = "customer", ["deleted"] = true }.ToJsonString())
                    : (404, Error("invalid_request_error", "resource_missing", null, $"No such customer: '{customerId}'", null));
            case ("POST", ["v1", "refunds"]):
                return (200, new JsonObject
                {
                    ["id"] = $"re_fake_{Calls.Count}",
                    ["object"] = "refund",
                    ["amount"] = long.Parse(call.Form["amount"], System.Globalization.CultureInfo.InvariantCulture),
                    ["payment_intent"] = call.Form["payment_intent"],
                    ["status"] = "succeeded",
                }.ToJsonString());
            case ("POST", ["v1", "transfers"]):
                return (200, new JsonObject
                {
                    ["id"] = $"tr_fake_{Calls.Count}",
                    ["object"] = "transfer",
                    ["amount"] = long.Parse(call.Form["amount"], System.Globalization.CultureInfo.InvariantCulture),
                    ["currency"] = call.Form["currency"],
                    ["destination"] = call.Form["destination"],
                }.ToJsonString());
            case ("GET", ["v1", "payment_intents"]):
                var data = new JsonArray();
                foreach (var listed in _intents.Values)
                {
                    var copy = listed.DeepClone().AsObject();
                    copy["latest_charge"] = new JsonObject { ["id"] = (string?)listed["latest_charge"], ["object"] = "charge", ["amount_refunded"] = 1500 };
                    data.Add(copy);
                }

                return (200, new JsonObject { ["object"] = "list", ["url"] = "/v1/payment_intents", ["has_more"] = false, ["data"] = data }.ToJsonString());
            default:
                return (404, Error("invalid_request_error", "resource_missing", null, $"Unrecognized request URL ({call.Method}: {call.Path}).", null));
        }
    }

    private static string Error(string type, string code, string? declineCode, string message, JsonObject? intent) => new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["type"] = type,
            ["code"] = code,
            ["decline_code"] = declineCode,
            ["message"] = message,
            ["payment_intent"] = intent,
        },
    }.ToJsonString();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
