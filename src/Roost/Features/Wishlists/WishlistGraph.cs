using GraphQL;
using GraphQL.Types;
using Roost.Features.Listings;
using Roost.Platform.Errors;
using Roost.Platform.GraphQL;

namespace Roost.Features.Wishlists;

public sealed class WishlistGraphType : RecordGraphType<WishlistSummary>
{
    public WishlistGraphType()
    {
        Name = "Wishlist";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WishlistEntryGraphType>>>>("listings")
            .Description("With checkIn and checkOut, whether each can be booked for that stay.")
            .Argument<DateOnlyGraphType>("checkIn")
            .Argument<DateOnlyGraphType>("checkOut")
            .Argument<IntGraphType>("guests", a => a.DefaultValue = 1)
            .ResolveAsync(async context => (await context.Service<WishlistBook>().GetAsync(
                context.RequireUserId(), context.Source.Id, context.GetArgument<DateOnly?>("checkIn"), context.GetArgument<DateOnly?>("checkOut"),
                context.GetArgument<int>("guests"), context.CancellationToken)).Unwrap().Listings);
        Field<NonNullGraphType<RecordGraphType<WishlistPerson>>>("owner")
            .ResolveAsync(async context => (await ReadAsync(context)).Owner);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecordGraphType<WishlistCollaborator>>>>>("collaborators")
            .Description("The friends planning with the owner, who add and take out listings.")
            .ResolveAsync(async context => (await ReadAsync(context)).Collaborators);
    }

    private static async Task<WishlistResponse> ReadAsync(IResolveFieldContext<WishlistSummary> context) =>
        (await context.Service<WishlistBook>().GetAsync(context.RequireUserId(), context.Source.Id, null, null, 1, context.CancellationToken)).Unwrap();
}

public sealed class WishlistEntryGraphType : RecordGraphType<WishlistEntry>
{
    public WishlistEntryGraphType()
    {
        Name = "WishlistEntry";
        Field<ListingGraphType>("listing").Description("Batched across the list.").Resolve(context => context.Listing(context.Source.ListingId));
    }
}

public sealed class SharedWishlistGraphType : RecordGraphType<WishlistResponse>
{
    public SharedWishlistGraphType() : base(w => w.Listings, w => w.Role, w => w.Owner, w => w.Collaborators)
    {
        Name = "SharedWishlist";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WishlistEntryGraphType>>>>("listings").Resolve(context => context.Source.Listings);
    }
}

public static class WishlistGraph
{
    public static void AddWishlistQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<WishlistGraphType>>>>("wishlists").Description("Your wishlists.")
            .ResolveAsync(async context => await context.Service<WishlistBook>().ListAsync(context.RequireUserId(), context.CancellationToken));
        query.Field<WishlistGraphType>("wishlist").Description("One of your wishlists; anyone else's does not exist.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context =>
            {
                var id = context.Id("id");
                var mine = await context.Service<WishlistBook>().ListAsync(context.RequireUserId(), context.CancellationToken);
                return mine.SingleOrDefault(w => w.Id == id) ?? throw GraphContext.Error(Failure.NotFound("The wishlist"));
            });
        query.Field<SharedWishlistGraphType>("sharedWishlist").Description("A wishlist someone shared: its name and public listings, not who made it.")
            .Argument<NonNullGraphType<StringGraphType>>("token")
            .Argument<DateOnlyGraphType>("checkIn")
            .Argument<DateOnlyGraphType>("checkOut")
            .Argument<IntGraphType>("guests", a => a.DefaultValue = 1)
            .ResolveAsync(async context => (await context.Service<WishlistBook>().GetSharedAsync(
                context.GetArgument<string>("token"), context.GetArgument<DateOnly?>("checkIn"), context.GetArgument<DateOnly?>("checkOut"),
                context.GetArgument<int>("guests"), context.CancellationToken)).Unwrap());
    }

    public static void AddWishlistMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<RecordGraphType<WishlistShare>>>("shareWishlist").Description("A link that shows the wishlist to anyone who has it.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context => (await context.Service<WishlistBook>().ShareAsync(context.RequireUserId(), context.Id("id"), context.CancellationToken)).Unwrap());
        mutation.Field<NonNullGraphType<BooleanGraphType>>("stopSharingWishlist").Description("The wishlist's link stops working at once.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context =>
            {
                (await context.Service<WishlistBook>().StopSharingAsync(context.RequireUserId(), context.Id("id"), context.CancellationToken)).ThrowIfFailed();
                return true;
            });
        mutation.Field<NonNullGraphType<RecordGraphType<WishlistInvitation>>>("inviteToWishlist").Description("A link that lets friends join the wishlist as collaborators.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context => (await context.Service<WishlistCollaborations>().InviteAsync(context.RequireUserId(), context.Id("id"), context.CancellationToken)).Unwrap());
        mutation.Field<NonNullGraphType<BooleanGraphType>>("stopInvitingToWishlist").Description("Nobody else joins with the wishlist's invitation link; collaborators stay.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context =>
            {
                (await context.Service<WishlistCollaborations>().StopInvitingAsync(context.RequireUserId(), context.Id("id"), context.CancellationToken)).ThrowIfFailed();
                return true;
            });
        mutation.Field<NonNullGraphType<WishlistGraphType>>("joinWishlist").Description("Join a wishlist as a collaborator with its invitation link's token.")
            .Argument<NonNullGraphType<StringGraphType>>("token")
            .ResolveAsync(async context => (await context.Service<WishlistCollaborations>().JoinAsync(context.RequireUserId(), context.GetArgument<string>("token"), context.CancellationToken)).Unwrap());
        mutation.Field<NonNullGraphType<BooleanGraphType>>("removeWishlistCollaborator").Description("The owner removes a collaborator; a collaborator removes themselves to leave.")
            .Argument<NonNullGraphType<IdGraphType>>("wishlistId")
            .Argument<NonNullGraphType<IdGraphType>>("userId")
            .ResolveAsync(async context =>
            {
                (await context.Service<WishlistCollaborations>().RemoveCollaboratorAsync(context.RequireUserId(), context.Id("wishlistId"), context.Id("userId"), context.CancellationToken)).ThrowIfFailed();
                return true;
            });
        foreach (var (name, vote) in new[] { ("voteForWishlistListing", true), ("withdrawWishlistVote", false) })
        {
            mutation.Field<NonNullGraphType<BooleanGraphType>>(name)
                .Description(vote ? "Vote for a listing in the wishlist (its owner and collaborators)." : "Take back your vote for a listing in the wishlist.")
                .Argument<NonNullGraphType<IdGraphType>>("wishlistId")
                .Argument<NonNullGraphType<IdGraphType>>("listingId")
                .ResolveAsync(async context =>
                {
                    (await context.Service<WishlistCollaborations>().VoteAsync(
                        context.RequireUserId(), context.Id("wishlistId"), context.Id("listingId"), vote, context.CancellationToken)).ThrowIfFailed();
                    return true;
                });
        }

        mutation.Field<NonNullGraphType<BooleanGraphType>>("setWishlistNote").Description("Write the note on a listing in the wishlist, for whoever plans it (null or empty takes it away).")
            .Argument<NonNullGraphType<IdGraphType>>("wishlistId")
            .Argument<NonNullGraphType<IdGraphType>>("listingId")
            .Argument<StringGraphType>("note")
            .ResolveAsync(async context =>
            {
                var input = GraphContext.Valid(new WishlistNoteRequest(context.GetArgument<string?>("note")));
                (await context.Service<WishlistCollaborations>().NoteAsync(
                    context.RequireUserId(), context.Id("wishlistId"), context.Id("listingId"), input.Note, context.CancellationToken)).ThrowIfFailed();
                return true;
            });

        mutation.Field<NonNullGraphType<WishlistGraphType>>("createWishlist")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .ResolveAsync(async context =>
            {
                var user = context.RequireUserId();
                var input = GraphContext.Valid(new WishlistRequest(context.GetArgument<string>("name")));
                return (await context.Service<WishlistBook>().CreateAsync(user, input.Name.Trim(), context.CancellationToken)).Unwrap();
            });
        mutation.Field<NonNullGraphType<WishlistGraphType>>("renameWishlist")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .ResolveAsync(async context =>
            {
                var user = context.RequireUserId();
                var input = GraphContext.Valid(new WishlistRequest(context.GetArgument<string>("name")));
                return (await context.Service<WishlistBook>().RenameAsync(user, context.Id("id"), input.Name, context.CancellationToken)).Unwrap();
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("deleteWishlist")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context =>
            {
                (await context.Service<WishlistBook>().DeleteAsync(context.RequireUserId(), context.Id("id"), context.CancellationToken)).ThrowIfFailed();
                return true;
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("addToWishlist")
            .Argument<NonNullGraphType<IdGraphType>>("wishlistId")
            .Argument<NonNullGraphType<IdGraphType>>("listingId")
            .ResolveAsync(async context =>
            {
                (await context.Service<WishlistBook>().AddAsync(context.RequireUserId(), context.Id("wishlistId"), context.Id("listingId"), context.CancellationToken)).ThrowIfFailed();
                return true;
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("removeFromWishlist")
            .Argument<NonNullGraphType<IdGraphType>>("wishlistId")
            .Argument<NonNullGraphType<IdGraphType>>("listingId")
            .ResolveAsync(async context =>
            {
                (await context.Service<WishlistBook>().RemoveAsync(context.RequireUserId(), context.Id("wishlistId"), context.Id("listingId"), context.CancellationToken)).ThrowIfFailed();
                return true;
            });
    }
}
