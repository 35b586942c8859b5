using Microsoft.AspNetCore.Http.HttpResults;
using Roost.Platform.Auth;
using Roost.Platform.Errors;

namespace Roost.Features.Wishlists;

public static class WishlistEndpoints
{
    public static IHostApplicationBuilder AddWishlists(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<WishlistBook>();
        builder.Services.AddScoped<WishlistCollaborations>();
        builder.Services.AddScoped<Accounts.IAccountErasure, WishlistCollaborations.Erasure>();
        return builder;
    }

    public static RouteGroupBuilder MapWishlists(this RouteGroupBuilder api)
    {
        var wishlists = api.MapGroup("/wishlists").WithTags("Wishlists").RequireAuthorization();
        wishlists.MapGet("", List).WithSummary("Your wishlists");
        wishlists.MapPost("", Create).WithSummary("Create a wishlist");
        wishlists.MapGet("/{id:guid}", Get).WithSummary("A wishlist's listings; with checkIn and checkOut, whether each can be booked");
        wishlists.MapPatch("/{id:guid}", Rename).WithSummary("Rename a wishlist");
        wishlists.MapDelete("/{id:guid}", Delete).WithSummary("Delete a wishlist");
        wishlists.MapPut("/{id:guid}/listings/{listingId:guid}", Add).WithSummary("Save a listing in the wishlist");
        wishlists.MapDelete("/{id:guid}/listings/{listingId:guid}", Remove).WithSummary("Take a listing out of the wishlist");
        wishlists.MapPut("/{id:guid}/listings/{listingId:guid}/vote", Vote).WithSummary("Vote for a listing in the wishlist (its owner and collaborators)");
        wishlists.MapDelete("/{id:guid}/listings/{listingId:guid}/vote", Unvote).WithSummary("Take back your vote for a listing in the wishlist");
        wishlists.MapPut("/{id:guid}/listings/{listingId:guid}/note", Note).WithSummary("Write the note on a listing in the wishlist, for whoever plans it (empty takes it away)");
        wishlists.MapPost("/{id:guid}/share", Share).WithSummary("A link that shows the wishlist to anyone who has it (the same one until sharing stops)");
        wishlists.MapDelete("/{id:guid}/share", StopSharing).WithSummary("Stop sharing: the link stops working at once");
        wishlists.MapPost("/{id:guid}/invite", Invite).WithSummary("A link that lets friends join the wishlist as collaborators (the same one until inviting stops)");
        wishlists.MapDelete("/{id:guid}/invite", StopInviting).WithSummary("Stop inviting: nobody else joins with the link; collaborators stay");
        wishlists.MapDelete("/{id:guid}/collaborators/{userId:guid}", RemoveCollaborator)
            .WithSummary("The owner removes a collaborator; a collaborator removes themselves to leave");
        api.MapPost("/wishlist-invitations/{token}/join", Join).RequireAuthorization().WithTags("Wishlists")
            .WithSummary("Join a wishlist as a collaborator with its invitation link: see it, add and take out listings");
        api.MapGet("/shared-wishlists/{token}", GetShared).AllowAnonymous().WithTags("Wishlists")
            .WithSummary("A shared wishlist: its name and public listings, not who made it; with checkIn and checkOut, whether each can be booked");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<WishlistSummary>>> List(WishlistBook book, HttpContext http) =>
        TypedResults.Ok(await book.ListAsync(http.User.UserId(), http.RequestAborted));

    private static async Task<Results<Created<WishlistSummary>, ProblemHttpResult>> Create(WishlistRequest request, WishlistBook book, HttpContext http)
    {
        var outcome = await book.CreateAsync(http.User.UserId(), request.Name, http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Created($"/api/v1/wishlists/{outcome.Value!.Id}", outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<WishlistResponse>, ProblemHttpResult>> Get(
        Guid id, WishlistBook book, HttpContext http, DateOnly? checkIn = null, DateOnly? checkOut = null, int guests = 1) =>
        (await book.GetAsync(http.User.UserId(), id, checkIn, checkOut, guests, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<WishlistResponse>, ProblemHttpResult>> GetShared(
        string token, WishlistBook book, HttpContext http, DateOnly? checkIn = null, DateOnly? checkOut = null, int guests = 1) =>
        (await book.GetSharedAsync(token, checkIn, checkOut, guests, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<WishlistShare>, ProblemHttpResult>> Share(Guid id, WishlistBook book, HttpContext http) =>
        (await book.ShareAsync(http.User.UserId(), id, http.RequestAborted)).ToResult(http);

    private static async Task<Results<NoContent, ProblemHttpResult>> StopSharing(Guid id, WishlistBook book, HttpContext http) =>
        await book.StopSharingAsync(http.User.UserId(), id, http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();

    private static async Task<Results<NoContent, ProblemHttpResult>> Vote(Guid id, Guid listingId, WishlistCollaborations team, HttpContext http) =>
        await team.VoteAsync(http.User.UserId(), id, listingId, vote: true, http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();

    private static async Task<Results<NoContent, ProblemHttpResult>> Note(Guid id, Guid listingId, WishlistNoteRequest request, WishlistCollaborations team, HttpContext http) =>
        await team.NoteAsync(http.User.UserId(), id, listingId, request.Note, http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();

    private static async Task<Results<NoContent, ProblemHttpResult>> Unvote(Guid id, Guid listingId, WishlistCollaborations team, HttpContext http) =>
        await team.VoteAsync(http.User.UserId(), id, listingId, vote: false, http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();

    private static async Task<Results<Ok<WishlistInvitation>, ProblemHttpResult>> Invite(Guid id, WishlistCollaborations team, HttpContext http) =>
        (await team.InviteAsync(http.User.UserId(), id, http.RequestAborted)).ToResult(http);

    private static async Task<Results<NoContent, ProblemHttpResult>> StopInviting(Guid id, WishlistCollaborations team, HttpContext http) =>
        await team.StopInvitingAsync(http.User.UserId(), id, http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();

    private static async Task<Results<Ok<WishlistSummary>, ProblemHttpResult>> Join(string token, WishlistCollaborations team, HttpContext http) =>
        (await team.JoinAsync(http.User.UserId(), token, http.RequestAborted)).ToResult(http);

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveCollaborator(Guid id, Guid userId, WishlistCollaborations team, HttpContext http) =>
        await team.RemoveCollaboratorAsync(http.User.UserId(), id, userId, http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();

    private static async Task<Results<Ok<WishlistSummary>, ProblemHttpResult>> Rename(Guid id, WishlistRequest request, WishlistBook book, HttpContext http) =>
        (await book.RenameAsync(http.User.UserId(), id, request.Name, http.RequestAborted)).ToResult(http);

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, WishlistBook book, HttpContext http) =>
        await book.DeleteAsync(http.User.UserId(), id, http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();

    private static async Task<Results<NoContent, ProblemHttpResult>> Add(Guid id, Guid listingId, WishlistBook book, HttpContext http) =>
        await book.AddAsync(http.User.UserId(), id, listingId, http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();

    private static async Task<Results<NoContent, ProblemHttpResult>> Remove(Guid id, Guid listingId, WishlistBook book, HttpContext http) =>
        await book.RemoveAsync(http.User.UserId(), id, listingId, http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();
}
