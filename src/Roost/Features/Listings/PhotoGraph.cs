using GraphQL;
using GraphQL.Types;
using Roost.Platform.GraphQL;

namespace Roost.Features.Listings;

/// <summary>
/// A listing's photos through GraphQL: caption, order and removal. Uploading stays a REST multipart request, which
/// GraphQL over HTTP has no standard way to carry.
/// </summary>
public static class PhotoGraph
{
    public static void AddPhotoMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<RecordGraphType<PhotoResponse>>>("setPhotoCaption").Description("An empty caption clears it (the listing's host).")
            .Argument<NonNullGraphType<IdGraphType>>("listingId")
            .Argument<NonNullGraphType<IdGraphType>>("photoId")
            .Argument<NonNullGraphType<StringGraphType>>("caption")
            .ResolveAsync(async context =>
            {
                var input = GraphContext.Valid(new PhotoCaptionRequest(context.GetArgument<string>("caption")));
                return (await context.Service<ListingPhotos>().CaptionAsync(
                    context.Id("listingId"), context.Id("photoId"), input.Caption, context.Caller(), context.CancellationToken)).Unwrap();
            });
        mutation.Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecordGraphType<PhotoResponse>>>>>("reorderPhotos").Description("Every photo of the listing, in the order wanted.")
            .Argument<NonNullGraphType<IdGraphType>>("listingId")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("photoIds")
            .ResolveAsync(async context =>
            {
                var input = GraphContext.Valid(new PhotoOrderRequest(context.GetArgument<Guid[]>("photoIds")));
                return (await context.Service<ListingPhotos>().ReorderAsync(context.Id("listingId"), input.PhotoIds, context.Caller(), context.CancellationToken)).Unwrap();
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("deletePhoto")
            .Argument<NonNullGraphType<IdGraphType>>("listingId")
            .Argument<NonNullGraphType<IdGraphType>>("photoId")
            .ResolveAsync(async context =>
            {
                (await context.Service<ListingPhotos>().DeleteAsync(context.Id("listingId"), context.Id("photoId"), context.Caller(), context.CancellationToken)).ThrowIfFailed();
                return true;
            });
    }
}
