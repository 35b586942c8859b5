using GraphQL;
using GraphQL.Types;
using Roost.Platform.GraphQL;
using Roost.Platform.Http;

namespace Roost.Features.Reports;

public sealed class ReportPageGraphType() : PageGraphType<RecordGraphType<ReportResponse>, ReportResponse>("ReportPage");

public static class ReportGraph
{
    public static void AddReportQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ReportPageGraphType>>("myReports").Description("Your reports and what became of them, newest first.")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async context =>
            {
                var userId = context.RequireUserId();
                var first = context.GetArgument<int>("first");
                PageRequest.Check<ReportsCursor>(first, context.GetArgument<string?>("after"), out var after).ThrowIfFailed();
                return await context.Service<Reports>().MineAsync(userId, first, after, context.CancellationToken);
            });
        query.Field<NonNullGraphType<ReportPageGraphType>>("reports").Description("Admin: reports by status (default open), oldest first.")
            .Argument<ReportStatusGraphType>("status", a => a.DefaultValue = ReportStatus.Open)
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async context =>
            {
                context.RequireAdmin();
                var first = context.GetArgument<int>("first");
                PageRequest.Check<ReportsCursor>(first, context.GetArgument<string?>("after"), out var after).ThrowIfFailed();
                return await context.Service<Reports>().QueueAsync(context.GetArgument<ReportStatus>("status"), first, after, context.CancellationToken);
            });
    }

    public static void AddReportMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<RecordGraphType<ReportResponse>>>("fileReport").Description("Report a listing, a user or a review that breaks the rules.")
            .Argument<NonNullGraphType<RecordInputGraphType<FileReportRequest>>>("input")
            .ResolveAsync(async context =>
            {
                var userId = context.RequireUserId();
                var input = GraphContext.Valid(context.GetArgument<FileReportRequest>("input"));
                return (await context.Service<Reports>().FileAsync(userId, input, context.CancellationToken)).Unwrap();
            });
        mutation.Field<NonNullGraphType<RecordGraphType<ReportResponse>>>("closeReport").Description("Admin: close a report; the reporter is told.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<RecordInputGraphType<CloseReportRequest>>>("input")
            .ResolveAsync(async context =>
            {
                var adminId = context.RequireAdmin();
                var input = GraphContext.Valid(context.GetArgument<CloseReportRequest>("input"));
                return (await context.Service<Reports>().CloseAsync(context.Id("id"), adminId, input, context.CancellationToken)).Unwrap();
            });
    }
}

public sealed class ReportStatusGraphType : EnumerationGraphType<ReportStatus>
{
    public ReportStatusGraphType() => Name = "ReportStatus";
}
