using System.Text.Json;
using System.Text.Json.Nodes;

namespace Roost.Features.Payments;

/// <summary>
/// The parts of a Stripe event we act on. Stripe's shape (<c>{id, type, created, data: {object}}</c>) is the one wire
/// format: the sandbox writes its events in it, so one handler serves both gateways.
/// </summary>
public sealed record GatewayEvent(
    string Id,
    string Type,
    DateTimeOffset Created,
    string ObjectId,
    string? IntentId,
    string? Reference,
    string Currency,
    long Amount,
    long Captured,
    long Refunded,
    string? Status)
{
    public const string ReferenceKey = "roost_reference";

    public static readonly IReadOnlySet<string> Handled = new HashSet<string>
    {
        "payment_intent.created",
        "payment_intent.amount_capturable_updated",
        "payment_intent.succeeded",
        "payment_intent.canceled",
        "payment_intent.payment_failed",
        "charge.refunded",
        "transfer.created",
        "charge.dispute.created",
        "charge.dispute.updated",
        "charge.dispute.closed",
    };

    public bool IsDisputeEvent => Type.StartsWith("charge.dispute.", StringComparison.Ordinal);

    public bool IsIntentEvent => Type.StartsWith("payment_intent.", StringComparison.Ordinal) || Type == "charge.refunded";

    public static GatewayEvent? Parse(string json)
    {
        try
        {
            if (JsonNode.Parse(json) is not JsonObject root || root["data"]?["object"] is not JsonObject data)
            {
                return null;
            }

            var id = (string?)root["id"];
            var type = (string?)root["type"];
            var objectId = (string?)data["id"];
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(type) || string.IsNullOrEmpty(objectId))
            {
                return null;
            }

            var kind = (string?)data["object"];
            long Number(string name) => data[name] is JsonValue value && value.TryGetValue<long>(out var n) ? n : 0;
            var intentId = kind switch
            {
                "payment_intent" => objectId,
                "charge" or "dispute" => (string?)data["payment_intent"],
                _ => null,
            };
            var captured = kind switch
            {
                "payment_intent" => Number("amount_received"),
                "charge" => Number("amount_captured"),
                _ => 0,
            };
            return new GatewayEvent(
                id,
                type,
                DateTimeOffset.FromUnixTimeSeconds(root["created"] is JsonValue created && created.TryGetValue<long>(out var seconds) ? seconds : 0),
                objectId,
                intentId,
                (string?)data["metadata"]?[ReferenceKey],
                ((string?)data["currency"] ?? "").ToUpperInvariant(),
                Number("amount"),
                captured,
                Number("amount_refunded"),
                (string?)data["status"]);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
