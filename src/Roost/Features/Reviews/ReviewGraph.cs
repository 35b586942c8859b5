using GraphQL;
using GraphQL.Types;
using Roost.Features.Accounts;
using Roost.Features.Listings;
using Roost.Platform.GraphQL;
using Roost.Platform.Http;

namespace Roost.Features.Reviews;

public sealed class ReviewGraphType : RecordGraphType<ReviewResponse>
{
    public ReviewGraphType()
    {
        Name = "Review";
        Field<NonNullGraphType<UserGraphType>>("author").Resolve(context => context.Profile(context.Source.AuthorId));
    }
}

public sealed class ReviewPageGraphType() : PageGraphType<ReviewGraphType, ReviewResponse>("ReviewPage");


/// <summary><c>Listing.reviews(first, after)</c>: published guest reviews, newest first; first pages come in one batch.</summary>
public sealed class ListingReviewsField : IGraphExtension<ListingGraphType>
{
    public void Extend(ListingGraphType type) =>
        type.Field<NonNullGraphType<ReviewPageGraphType>>("reviews")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 10)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async context =>
            {
                var first = context.GetArgument<int>("first");
                PageRequest.Check<ReviewsCursor>(first, context.GetArgument<string?>("after"), out var after).ThrowIfFailed();
                var reading = context.Service<ReviewReading>();
                if (after is null)
                {
                    // Handed back unawaited: the executor collects the whole level's loads, then runs one query.
                    return context.Loaders()
                        .For<Guid, Page<ReviewResponse>>($"reviews:{first}", (ids, token) => reading.FirstPagesAsync(ids, first, token))
                        .Load(context.Source.Id);
                }

                var page = (await reading.ForListingAsync(context.Source.Id, first, after, context.CancellationToken)).Unwrap();
                return (object)new Page<ReviewResponse>(page.Items, page.NextCursor);
            });
}

public static class ReviewGraph
{
    public static void AddReviewQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ReviewPageGraphType>>("userReviews").Description("Published reviews about a user, as guest and as host, newest first.")
            .Argument<NonNullGraphType<IdGraphType>>("userId")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async context =>
            {
                var first = context.GetArgument<int>("first");
                PageRequest.Check<ReviewsCursor>(first, context.GetArgument<string?>("after"), out var after).ThrowIfFailed();
                return await context.Service<ReviewReading>().AboutUserAsync(context.Id("userId"), first, after, context.CancellationToken);
            });

    public static void AddReviewMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<BooleanGraphType>>("removeReview").Description("Admin: remove a published review that breaks the rules; its ratings are recounted.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<RecordInputGraphType<RemoveReviewRequest>>>("input")
            .ResolveAsync(async context =>
            {
                var adminId = context.RequireAdmin();
                var input = GraphContext.Valid(context.GetArgument<RemoveReviewRequest>("input"));
                (await context.Service<ReviewModeration>().RemoveAsync(context.Id("id"), adminId, input.Reason.Trim(), context.CancellationToken)).ThrowIfFailed();
                return true;
            });
        mutation.Field<NonNullGraphType<ReviewGraphType>>("writeReview").Description("Guest or host of a completed stay, once each.")
            .Argument<NonNullGraphType<IdGraphType>>("bookingId")
            .Argument<NonNullGraphType<RecordInputGraphType<ReviewInput>>>("input")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                return (await context.Service<ReviewWriting>().WriteAsync(
                    context.Id("bookingId"), GraphContext.Valid(context.GetArgument<ReviewInput>("input")), context.Caller(), context.CancellationToken)).Unwrap();
            });
        mutation.Field<NonNullGraphType<ReviewGraphType>>("respondToReview").Description("The reviewed host, once.")
            .Argument<NonNullGraphType<IdGraphType>>("reviewId")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                var input = GraphContext.Valid(new ResponseInput(context.GetArgument<string>("text")));
                return (await context.Service<ReviewWriting>().RespondAsync(context.Id("reviewId"), input.Text, context.Caller(), context.CancellationToken)).Unwrap();
            });
    }
}
