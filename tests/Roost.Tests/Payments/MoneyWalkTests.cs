using Roost.Tests.Infrastructure;

namespace Roost.Tests.Payments;

/// <summary>Seeded random walks over everything that moves a stay's money (<see cref="MoneyWalk"/>).</summary>
[Collection(ApiCollection.Name)]
public sealed class MoneyWalkTests(RoostApp app)
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public Task Any_sequence_of_money_moves_keeps_the_books_and_the_gateway_in_agreement(int seed) => MoneyWalk.RunAsync(app, seed);
}
