using GraphQL;
using GraphQL.Types;
using Roost.Platform.GraphQL;

namespace Roost.Features.Notifications;

/// <summary>The webhook routes as GraphQL fields, through the same <see cref="Webhooks"/> methods.</summary>
public static class WebhookGraph
{
    public static void AddWebhookQueries(this ObjectGraphType query) =>
        query.Field<RecordGraphType<WebhookResponse>>("myWebhook").Description("Your webhook, or null when you have none.")
            .ResolveAsync(async context => (await context.Service<Webhooks>().GetAsync(context.RequireUserId(), context.CancellationToken)).Value);

    public static void AddWebhookMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<RecordGraphType<WebhookResponse>>>("setWebhook").Description("Receive every notification you get, signed, at this URL (a new URL gets a new secret).")
            .Argument<NonNullGraphType<RecordInputGraphType<WebhookRequest>>>("input")
            .ResolveAsync(async context => (await context.Service<Webhooks>().SetAsync(
                context.RequireUserId(), GraphContext.Valid(context.GetArgument<WebhookRequest>("input")), context.CancellationToken)).Unwrap());
        mutation.Field<NonNullGraphType<RecordGraphType<WebhookResponse>>>("enableWebhook").Description("Switch a disabled webhook on again; it resumes where it stopped.")
            .ResolveAsync(async context => (await context.Service<Webhooks>().EnableAsync(context.RequireUserId(), context.CancellationToken)).Unwrap());
        mutation.Field<NonNullGraphType<RecordGraphType<WebhookResponse>>>("pingWebhook").Description("Send yourself a test notice (webhook_ping): it reaches the webhook with the next delivery.")
            .ResolveAsync(async context => (await context.Service<Webhooks>().PingAsync(context.RequireUserId(), context.CancellationToken)).Unwrap());
        mutation.Field<NonNullGraphType<BooleanGraphType>>("removeWebhook").Description("Stop receiving webhooks.")
            .ResolveAsync(async context =>
            {
                (await context.Service<Webhooks>().RemoveAsync(context.RequireUserId(), context.CancellationToken)).ThrowIfFailed();
                return true;
            });
    }
}
