using GraphQL;
using GraphQL.Types;
using Roost.Features.Bookings;
using Roost.Platform.GraphQL;
using Roost.Platform.Http;

namespace Roost.Features.Claims;

public sealed class DamageClaimGraphType : RecordGraphType<ClaimResponse>
{
    public DamageClaimGraphType()
    {
        Name = "DamageClaim";
        Description = "A host asks the guest of a finished stay to pay for damage; the guest pays or declines, and Roost decides what is left.";
    }
}

public sealed class DamageClaimPageGraphType() : PageGraphType<DamageClaimGraphType, ClaimResponse>("DamageClaimPage");

public sealed class ClaimStatusGraphType : EnumerationGraphType<ClaimStatus>
{
    public ClaimStatusGraphType() => Name = "ClaimStatus";
}

/// <summary><c>Booking.claims</c>: the same list as REST's.</summary>
public sealed class BookingClaimsField : IGraphExtension<BookingGraphType>
{
    public void Extend(BookingGraphType type) =>
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<DamageClaimGraphType>>>>("claims").Description("Damage claims on the stay, newest first.")
            .ResolveAsync(async context => (await context.Service<DamageClaims>().ListAsync(context.Source.Id, context.Caller(), context.CancellationToken)).Unwrap());
}

public static class ClaimGraph
{
    public static void AddClaimQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<DamageClaimPageGraphType>>("damageClaims").Description("Admin: claims by status (default ESCALATED), oldest first.")
            .Argument<ClaimStatusGraphType>("status", a => a.DefaultValue = ClaimStatus.Escalated)
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async context =>
            {
                context.RequireAdmin();
                var first = context.GetArgument<int>("first");
                PageRequest.Check<ClaimsCursor>(first, context.GetArgument<string?>("after"), out var after).ThrowIfFailed();
                return await context.Service<DamageClaims>().QueueAsync(context.GetArgument<ClaimStatus>("status"), first, after, context.CancellationToken);
            });

    public static void AddClaimMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<DamageClaimGraphType>>("fileDamageClaim").Description("Host: ask the guest of a finished stay to pay for damage (within 14 days of check-out).")
            .Argument<NonNullGraphType<IdGraphType>>("bookingId")
            .Argument<NonNullGraphType<RecordInputGraphType<FileClaimRequest>>>("input")
            .Argument<StringGraphType>("idempotencyKey")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                var (id, input) = (context.Id("bookingId"), GraphContext.Valid(context.GetArgument<FileClaimRequest>("input")));
                return await context.IdempotentAsync(context.GetArgument<string?>("idempotencyKey"), required: false, new { id, input }, async () =>
                    (await context.Service<DamageClaims>().FileAsync(id, input, context.Caller(), context.CancellationToken)).Unwrap());
            });
        mutation.AddIdempotentAnswer<DamageClaimGraphType, ClaimResponse, DamageClaims>("payDamageClaim", "Guest: pay the claim (the card on file is charged).", "bookingId", "claimId", (c, b, id, u, t) => c.PayAsync(b, id, u, t));
        mutation.Field<NonNullGraphType<DamageClaimGraphType>>("declineDamageClaim").Description("Guest: decline the claim, saying why; the host may then ask Roost to decide.")
            .Argument<NonNullGraphType<IdGraphType>>("bookingId")
            .Argument<NonNullGraphType<IdGraphType>>("claimId")
            .Argument<StringGraphType>("note")
            .Argument<StringGraphType>("idempotencyKey")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                var (bookingId, claimId, input) = (context.Id("bookingId"), context.Id("claimId"), GraphContext.Valid(new DeclineClaimRequest(context.GetArgument<string?>("note"))));
                return await context.IdempotentAsync(context.GetArgument<string?>("idempotencyKey"), required: false, new { bookingId, claimId, input }, async () =>
                    (await context.Service<DamageClaims>().DeclineAsync(bookingId, claimId, input.Note, context.Caller(), context.CancellationToken)).Unwrap());
            });
        mutation.AddIdempotentAnswer<DamageClaimGraphType, ClaimResponse, DamageClaims>("escalateDamageClaim", "Host: ask Roost to decide a declined or unanswered claim.", "bookingId", "claimId", (c, b, id, u, t) => c.EscalateAsync(b, id, u, t));
        mutation.AddIdempotentAnswer<DamageClaimGraphType, ClaimResponse, DamageClaims>("withdrawDamageClaim", "Host: withdraw a claim not yet settled.", "bookingId", "claimId", (c, b, id, u, t) => c.WithdrawAsync(b, id, u, t));
        mutation.Field<NonNullGraphType<DamageClaimGraphType>>("decideDamageClaim").Description("Admin: grant all or part of an escalated claim (the guest's card is charged) or reject it.")
            .Argument<NonNullGraphType<IdGraphType>>("claimId")
            .Argument<NonNullGraphType<RecordInputGraphType<DecideClaimRequest>>>("input")
            .Argument<NonNullGraphType<StringGraphType>>("idempotencyKey")
            .ResolveAsync(async context =>
            {
                var adminId = context.RequireAdmin();
                var (id, input) = (context.Id("claimId"), GraphContext.Valid(context.GetArgument<DecideClaimRequest>("input")));
                return await context.IdempotentAsync(context.GetArgument<string>("idempotencyKey"), required: true, new { id, input }, async () =>
                    (await context.Service<DamageClaims>().DecideAsync(id, input, adminId, context.CancellationToken)).Unwrap());
            });
    }
}
