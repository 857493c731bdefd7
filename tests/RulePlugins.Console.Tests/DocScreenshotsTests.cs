namespace RulePlugins.Console.Tests;

/// <summary>Where the README's screenshots go, and the names refused (no browser needed).</summary>
public sealed class DocScreenshotsTests
{
    [Fact]
    public void PathFor_ValidName_IsUnderDocsScreenshotsAtTheRepositoryRoot()
    {
        var path = DocScreenshots.PathFor("segment-builder");

        Assert.Equal(Path.Combine(DocScreenshots.RepositoryRoot, "docs", "screenshots", "segment-builder.png"), path);
        Assert.True(File.Exists(Path.Combine(DocScreenshots.RepositoryRoot, "RulePlugins.sln")));
        Assert.True(File.Exists(Path.Combine(DocScreenshots.RepositoryRoot, "README.md")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData("sub/name")]
    [InlineData("home.png")]
    [InlineData("Home")]
    [InlineData("-home")]
    public void PathFor_NameOutsideThePattern_ThrowsNamingTheParameterAndTheRule(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => DocScreenshots.PathFor(name));

        Assert.Equal("name", error.ParamName);
        Assert.Contains(DocScreenshots.NamePattern, error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }
}
