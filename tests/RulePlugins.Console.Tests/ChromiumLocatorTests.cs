namespace RulePlugins.Console.Tests;

/// <summary>Which browser the tests launch, and the reason they give when there is none (no browser needed).</summary>
public sealed class ChromiumLocatorTests
{
    [Fact]
    public void Find_VariableSetToExistingFile_ReturnsIt()
    {
        var location = ChromiumLocator.Find("/opt/chrome/chrome", path => path is "/opt/chrome/chrome" or "/usr/bin/chromium");

        Assert.Equal(new ChromiumLocation("/opt/chrome/chrome", null), location);
    }

    [Fact]
    public void Find_VariableSetToMissingFile_SkipsNamingItAndTheInstallCommand()
    {
        var location = ChromiumLocator.Find("/opt/missing/chrome", path => path == "/usr/bin/chromium");

        Assert.Null(location.ExecutablePath);
        Assert.Contains("RULEPLUGINS_CHROMIUM", location.SkipReason, StringComparison.Ordinal);
        Assert.Contains("'/opt/missing/chrome'", location.SkipReason, StringComparison.Ordinal);
        Assert.Contains("sudo apt-get install chromium", location.SkipReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Find_VariableUnset_PrefersDebianChromium(string? configured)
    {
        Assert.Equal("/usr/bin/chromium", ChromiumLocator.Find(configured, _ => true).ExecutablePath);
        Assert.Equal("/usr/bin/chromium-browser", ChromiumLocator.Find(configured, path => path == "/usr/bin/chromium-browser").ExecutablePath);
    }

    [Fact]
    public void Find_NoBrowserAnywhere_SkipsNamingThePathsAndTheInstallCommand()
    {
        var location = ChromiumLocator.Find(null, _ => false);

        Assert.Null(location.ExecutablePath);
        Assert.Contains("/usr/bin/chromium,", location.SkipReason, StringComparison.Ordinal);
        Assert.Contains("/usr/bin/chromium-browser", location.SkipReason, StringComparison.Ordinal);
        Assert.Contains("sudo apt-get install chromium", location.SkipReason, StringComparison.Ordinal);
    }
}
