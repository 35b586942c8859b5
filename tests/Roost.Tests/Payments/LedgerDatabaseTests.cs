using Microsoft.EntityFrameworkCore;
using Npgsql;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Payments;

/// <summary>PostgreSQL itself keeps the books honest, whatever code path writes them.</summary>
[Collection(ApiCollection.Name)]
public sealed class LedgerDatabaseTests(RoostApp app)
{
    [Fact]
    public async Task An_unbalanced_transaction_is_refused_at_commit()
    {
        var id = Guid.NewGuid();
        var failure = await Should.ThrowAsync<PostgresException>(() => app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlAsync($"INSERT INTO ledger_transactions (id, reference, kind, currency, created_at) VALUES ({id}, {"test:" + id}, 'charge', 'EUR', now())");
            await db.Database.ExecuteSqlAsync($"INSERT INTO ledger_entries (transaction_id, account, amount, currency) VALUES ({id}, 'Gateway', 100, 'EUR'), ({id}, 'HostPayable', -99, 'EUR')");
            await transaction.CommitAsync();
            return 0;
        }));
        failure.MessageText.ShouldContain("does not balance");
        (await app.WithDbAsync(db => db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM ledger_transactions WHERE id = {id}").SingleAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Entries_in_another_currency_than_their_transaction_are_refused()
    {
        var id = Guid.NewGuid();
        await Should.ThrowAsync<PostgresException>(() => app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlAsync($"INSERT INTO ledger_transactions (id, reference, kind, currency, created_at) VALUES ({id}, {"test:" + id}, 'charge', 'EUR', now())");
            await db.Database.ExecuteSqlAsync($"INSERT INTO ledger_entries (transaction_id, account, amount, currency) VALUES ({id}, 'Gateway', 100, 'USD'), ({id}, 'HostPayable', -100, 'USD')");
            await transaction.CommitAsync();
            return 0;
        }));
    }

    [Fact]
    public async Task Written_entries_can_be_neither_changed_nor_deleted()
    {
        var id = Guid.NewGuid();
        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlAsync($"INSERT INTO ledger_transactions (id, reference, kind, currency, created_at) VALUES ({id}, {"test:" + id}, 'charge', 'EUR', now())");
            await db.Database.ExecuteSqlAsync($"INSERT INTO ledger_entries (transaction_id, account, amount, currency) VALUES ({id}, 'Gateway', 100, 'EUR'), ({id}, 'PlatformRevenue', -100, 'EUR')");
            await transaction.CommitAsync();
            return 0;
        });

        (await Should.ThrowAsync<PostgresException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE ledger_entries SET amount = 0 WHERE transaction_id = {id}"))))
            .MessageText.ShouldContain("append-only");
        await Should.ThrowAsync<PostgresException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM ledger_transactions WHERE id = {id}")));
    }
}
