using GraphQL;
using GraphQL.Types;
using Roost.Features.Listings;
using Roost.Platform.GraphQL;

namespace Roost.Features.Calendar;

/// <summary><c>Listing.calendar(from, to)</c>: the nights as the REST calendar shows them to this caller.</summary>
public sealed class ListingCalendarField : IGraphExtension<ListingGraphType>
{
    public void Extend(ListingGraphType type) =>
        type.Field<NonNullGraphType<RecordGraphType<CalendarResponse>>>("calendar")
            .Argument<DateOnlyGraphType>("from")
            .Argument<DateOnlyGraphType>("to")
            .ResolveAsync(async context => (await context.Service<ListingCalendar>().ReadAsync(
                context.Source.Id, context.GetArgument<DateOnly?>("from"), context.GetArgument<DateOnly?>("to"), context.Caller(), context.CancellationToken)).Unwrap());
}

public sealed class CalendarImportGraphType : RecordGraphType<CalendarImportResponse>
{
    public CalendarImportGraphType()
    {
        Name = "CalendarImport";
        Description = "An external .ics calendar whose busy nights block this listing.";
    }
}

/// <summary>The calendar's root fields: the nights, the secret export URL and imported calendars (the listing's host).</summary>
public static class CalendarGraph
{
    public static void AddCalendarQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<StringGraphType>>("calendarExportUrl").Description("The listing's secret iCalendar export URL.")
            .Argument<NonNullGraphType<IdGraphType>>("listingId")
            .ResolveAsync(async context => (await context.Service<CalendarExport>().UrlAsync(
                context.Id("listingId"), context.Caller(), context.CancellationToken)).Unwrap().Url);
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CalendarImportGraphType>>>>("calendarImports").Description("Imported calendars and their last sync.")
            .Argument<NonNullGraphType<IdGraphType>>("listingId")
            .ResolveAsync(async context => (await context.Service<CalendarImports>().ListAsync(
                context.Id("listingId"), context.Caller(), context.CancellationToken)).Unwrap());
    }

    public static void AddCalendarMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<RecordGraphType<CalendarResponse>>>("setCalendar")
            .Description("Block, unblock, price or set the minimum stay of the nights [from, to).")
            .Argument<NonNullGraphType<IdGraphType>>("listingId")
            .Argument<NonNullGraphType<RecordInputGraphType<CalendarWrite>>>("input")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                return (await context.Service<ListingCalendar>().WriteAsync(
                    context.Id("listingId"), GraphContext.Valid(context.GetArgument<CalendarWrite>("input")), context.Caller(), context.CancellationToken)).Unwrap();
            });
        mutation.Field<NonNullGraphType<StringGraphType>>("rotateCalendarExportUrl").Description("A new export URL; the old one stops working.")
            .Argument<NonNullGraphType<IdGraphType>>("listingId")
            .ResolveAsync(async context => (await context.Service<CalendarExport>().RotateAsync(
                context.Id("listingId"), context.Caller(), context.CancellationToken)).Unwrap().Url);
        mutation.Field<NonNullGraphType<CalendarImportGraphType>>("addCalendarImport").Description("Import an external .ics calendar (synced every 30 minutes).")
            .Argument<NonNullGraphType<IdGraphType>>("listingId")
            .Argument<NonNullGraphType<RecordInputGraphType<CalendarImportRequest>>>("input")
            .ResolveAsync(async context => (await context.Service<CalendarImports>().AddAsync(
                context.Id("listingId"), GraphContext.Valid(context.GetArgument<CalendarImportRequest>("input")), context.Caller(), context.CancellationToken)).Unwrap());
        mutation.Field<NonNullGraphType<BooleanGraphType>>("syncCalendarImport").Description("Sync an imported calendar now (in the background).")
            .Argument<NonNullGraphType<IdGraphType>>("listingId")
            .Argument<NonNullGraphType<IdGraphType>>("importId")
            .ResolveAsync(async context =>
            {
                (await context.Service<CalendarImports>().RequestSyncAsync(
                    context.Id("listingId"), context.Id("importId"), context.Caller(), context.CancellationToken)).ThrowIfFailed();
                return true;
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("removeCalendarImport").Description("Stop importing; its blocks go.")
            .Argument<NonNullGraphType<IdGraphType>>("listingId")
            .Argument<NonNullGraphType<IdGraphType>>("importId")
            .ResolveAsync(async context =>
            {
                (await context.Service<CalendarImports>().RemoveAsync(
                    context.Id("listingId"), context.Id("importId"), context.Caller(), context.CancellationToken)).ThrowIfFailed();
                return true;
            });
    }
}
