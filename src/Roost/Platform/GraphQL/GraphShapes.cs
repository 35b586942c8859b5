using GraphQL.Types;
using Roost.Platform.Http;

namespace Roost.Platform.GraphQL;

/// <summary>Lets a feature higher up add fields to a type a lower feature owns (bookings add <c>quote</c> to a listing).</summary>
public interface IGraphExtension<in TGraphType> where TGraphType : IComplexGraphType
{
    void Extend(TGraphType type);
}

public sealed class MoneyGraphType : ObjectGraphType<Money.Money>
{
    public MoneyGraphType()
    {
        Name = "Money";
        Description = "An amount in minor units (cents) of an ISO 4217 currency.";
        Field(m => m.Amount).Description("Minor units, e.g. 12345 is 123.45 EUR.");
        Field(m => m.Currency);
    }
}

/// <summary>Money a client sends back, as it read it (a quote's total it agrees to pay).</summary>
public sealed class MoneyInputGraphType : InputObjectGraphType<Money.Money>
{
    public MoneyInputGraphType()
    {
        Name = "MoneyInput";
        Description = "An amount in minor units (cents) of an ISO 4217 currency.";
        Field(m => m.Amount);
        Field(m => m.Currency);
    }
}

public sealed class PageInfoGraphType : ObjectGraphType<PageInfo>
{
    public PageInfoGraphType()
    {
        Name = "PageInfo";
        Field(p => p.HasNextPage);
        Field(p => p.EndCursor, nullable: true).Description("Pass as `after` to get the next page.");
    }
}

public sealed record PageInfo(bool HasNextPage, string? EndCursor);

/// <summary>A keyset page as REST answers it: the items and the cursor of the next page.</summary>
public class PageGraphType<TItemGraphType, TItem> : ObjectGraphType<Page<TItem>> where TItemGraphType : IGraphType
{
    public PageGraphType(string name)
    {
        Name = name;
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TItemGraphType>>>>("items").Resolve(context => context.Source.Items);
        Field(p => p.NextCursor, nullable: true);
    }
}
