using System.ComponentModel.DataAnnotations;

namespace Roost.Features.Reviews;

public sealed record ReviewCategories(
    [Range(1, 5)] int? Cleanliness = null,
    [Range(1, 5)] int? Accuracy = null,
    [Range(1, 5)] int? CheckIn = null,
    [Range(1, 5)] int? Communication = null,
    [Range(1, 5)] int? Location = null,
    [Range(1, 5)] int? Value = null,
    [Range(1, 5)] int? HouseRules = null);

public sealed record ReviewInput(
    [Range(1, 5)] int Rating,
    [Required, MinLength(1), MaxLength(2000)] string Comment,
    ReviewCategories? Categories = null,
    [MaxLength(2000)] string? PrivateNote = null);

public sealed record ResponseInput([Required, MinLength(1), MaxLength(2000)] string Text);

public sealed record ReviewResponse(
    Guid Id,
    Guid BookingId,
    Guid ListingId,
    Guid AuthorId,
    Guid SubjectId,
    ReviewSide Side,
    int Rating,
    ReviewCategories Categories,
    string Comment,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? PublishedAt,
    string? Response,
    DateTimeOffset? RespondedAt)
{
    public static ReviewResponse From(Review r) => new(
        r.Id, r.BookingId, r.ListingId, r.AuthorId, r.SubjectId, r.Side, r.Rating,
        new ReviewCategories(r.Cleanliness, r.Accuracy, r.CheckIn, r.Communication, r.Location, r.Value, r.HouseRules),
        r.Comment, r.SubmittedAt, r.PublishedAt, r.Response, r.RespondedAt);
}

public sealed record RatingBreakdown(double? Average, int Count, IReadOnlyDictionary<string, double?> Categories);

public sealed record ListingReviews(RatingBreakdown Summary, IReadOnlyList<ReviewResponse> Items, string? NextCursor);

public sealed record ReviewsCursor(DateTimeOffset PublishedAt, Guid Id);

/// <summary>Told to the review's author.</summary>
public sealed record RemoveReviewRequest([Required, MaxLength(500)] string Reason);
