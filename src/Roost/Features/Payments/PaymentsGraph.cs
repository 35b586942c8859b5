using GraphQL;
using GraphQL.Types;
using Roost.Platform.GraphQL;
using Roost.Platform.Http;

namespace Roost.Features.Payments;

public sealed class PayoutPageGraphType() : PageGraphType<RecordGraphType<PayoutResponse>, PayoutResponse>("PayoutPage");

public sealed class DifferencePageGraphType() : PageGraphType<RecordGraphType<DifferenceResponse>, DifferenceResponse>("ReconciliationDifferencePage");

public sealed class DisputePageGraphType() : PageGraphType<RecordGraphType<DisputeResponse>, DisputeResponse>("PaymentDisputePage");

public static class PaymentsGraph
{
    public static void AddPaymentQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<PayoutPageGraphType>>("hostPayouts").Description("Your payouts: scheduled, paid, failed, with the bookings they cover (hosts).")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async context =>
            {
                var host = context.RequireHost();
                var first = context.GetArgument<int>("first");
                PageRequest.Check<PayoutCursor>(first, context.GetArgument<string?>("after"), out var after).ThrowIfFailed();
                return await context.Service<Payouts>().ListAsync(host, first, after, context.CancellationToken);
            });
        query.Field<NonNullGraphType<RecordGraphType<HostEarningsResponse>>>("hostEarnings")
            .Description("Your year (default this one) per currency and month: paid out, still to come, kept back for penalties (hosts).")
            .Argument<IntGraphType>("year")
            .ResolveAsync(async context =>
                (await context.Service<HostEarnings>().ForYearAsync(context.RequireHost(), context.GetArgument<int?>("year"), context.CancellationToken)).Unwrap());
        AddAdminQueue<DifferencePageGraphType, DifferenceResponse, DifferenceCursor>(query, "reconciliationDifferences", "Where the gateway and the ledger disagreed (admins).",
            (context, open, first, after) => context.Service<Reconciliation>().ListAsync(open, first, after, context.CancellationToken));
        AddAdminQueue<DisputePageGraphType, DisputeResponse, DisputeCursor>(query, "paymentDisputes", "Chargebacks the gateway reported, newest first (admins); open: true leaves out closed ones.",
            (context, open, first, after) => context.Service<PaymentDisputes>().ListAsync(open, first, after, context.CancellationToken));
    }

    /// <summary>An admin's keyset-paged list with an <c>open</c> filter, as REST's <c>?open=</c>.</summary>
    private static void AddAdminQueue<TPageGraphType, TItem, TCursor>(
        ObjectGraphType query, string name, string description, Func<IResolveFieldContext, bool, int, TCursor?, Task<Page<TItem>>> list)
        where TPageGraphType : IGraphType =>
        query.Field<NonNullGraphType<TPageGraphType>>(name).Description(description)
            .Argument<BooleanGraphType>("open", a => a.DefaultValue = false)
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async context =>
            {
                context.RequireAdmin();
                var first = context.GetArgument<int>("first");
                PageRequest.Check<TCursor>(first, context.GetArgument<string?>("after"), out var after).ThrowIfFailed();
                return await list(context, context.GetArgument<bool>("open"), first, after);
            });

    public static void AddPaymentMutations(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<RecordGraphType<PayoutAccountResponse>>>("setPayoutAccount").Description("Where your payouts go: a Stripe Connect account id (hosts).")
            .Argument<NonNullGraphType<StringGraphType>>("accountId")
            .ResolveAsync(async context =>
            {
                var host = context.RequireHost();
                var input = GraphContext.Valid(new PayoutAccountRequest(context.GetArgument<string>("accountId")));
                return await context.Service<PayoutAccounts>().SetAsync(host, input.AccountId, context.CancellationToken);
            });
}
