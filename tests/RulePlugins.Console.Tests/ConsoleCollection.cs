namespace RulePlugins.Console.Tests;

/// <summary>The browser tests: one collection, so they share one <see cref="ConsoleFixture"/> and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "console";
}
