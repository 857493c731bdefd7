using RulePlugins.Engine.Data;
using RulePlugins.Engine.Data.Dialects;

namespace RulePlugins.Data.Tests;

public sealed class ConnectionStringTests
{
    private const string Secret = "s3cret-Pa55";

    [Theory]
    [InlineData("postgresql", $"Host=db.internal;Port=5432;Username=app;Password={Secret};Database=rules", "Host=db.internal")]
    [InlineData("postgres", $"Host=db.internal;Username=app;PWD={Secret}", "Username=app")]
    [InlineData("sqlserver", $"Server=tcp:db.internal,1433;Database=rules;User ID=app;Password={Secret};TrustServerCertificate=True", "db.internal,1433")]
    [InlineData("sqlserver", $"Data Source=db.internal;Initial Catalog=rules;User Id=app;Pwd={Secret}", "Initial Catalog=rules")]
    [InlineData("sqlite", $"Data Source=/data/rules.db;Password={Secret}", "/data/rules.db")]
    public void Describe_ConnectionStringWithPassword_ShowsEverythingButThePassword(string provider, string connectionString, string kept)
    {
        var database = Database.Create(provider, connectionString);

        var described = database.Describe();

        Assert.DoesNotContain(Secret, described, StringComparison.Ordinal);
        Assert.Contains("***", described, StringComparison.Ordinal);
        Assert.Contains(kept, described, StringComparison.Ordinal);
        Assert.StartsWith(database.Dialect.Name + ": ", described, StringComparison.Ordinal);
        Assert.Equal(described, $"{database}");
    }

    [Fact]
    public void Redact_WithoutPassword_LeavesTheStringReadable()
    {
        var redacted = new PostgresDialect().Redact("Host=127.0.0.1;Port=5433;Username=postgres;Database=rules");

        Assert.Contains("Port=5433", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("***", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_UnparseableString_ShowsNothingOfIt()
    {
        var redacted = new SqlServerDialect().Redact($"Server=db;Password={Secret};NoSuchKeyword=1");

        Assert.DoesNotContain(Secret, redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite", typeof(SqliteDialect))]
    [InlineData("PostgreSQL", typeof(PostgresDialect))]
    [InlineData("postgres", typeof(PostgresDialect))]
    [InlineData("sqlserver", typeof(SqlServerDialect))]
    public void Create_KnownProvider_PicksItsDialect(string provider, Type dialect)
    {
        Assert.IsType(dialect, Database.Create(provider, "Data Source=x").Dialect);
    }

    [Fact]
    public void Create_UnknownProvider_NamesEverySupportedProvider()
    {
        var error = Assert.Throws<ArgumentException>(() => Database.Create("oracle", "Data Source=x"));

        Assert.Contains("'oracle'", error.Message, StringComparison.Ordinal);
        Assert.Contains("sqlite, postgresql, sqlserver", error.Message, StringComparison.Ordinal);
    }
}
