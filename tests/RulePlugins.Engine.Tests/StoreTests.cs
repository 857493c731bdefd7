using RulePlugins.Engine.Plugins;
using RulePlugins.Engine.Store;
using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests;

public sealed class StoreTests : IDisposable
{
    private readonly TestDatabase _db = new(new ProfileFieldsPlugin(), new TestConditionsPlugin());

    private static string CityIs(string city) => Documents.Single("city", "profile.city", new { @operator = "equals", value = city });

    [Fact]
    public void Save_SameDocumentTwice_KeepsOneVersion()
    {
        var first = _db.Engine.Save(CityIs("Moscow"));
        var second = _db.Engine.Save(CityIs("Moscow"));

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(TimeSpan.Zero, second.CompileTime);
        Assert.Equal([1], _db.Engine.Store.Versions("city"));
    }

    [Fact]
    public void Save_SameDocumentTwice_KeepsTheLoadedPredicate()
    {
        _db.Engine.Save(CityIs("Moscow"));
        var predicate = _db.Engine.GetCompiled("city").Predicate;

        _db.Engine.Save(CityIs("Moscow"));

        Assert.Same(predicate, _db.Engine.GetCompiled("city").Predicate);
    }

    [Fact]
    public async Task SaveAsync_BeforeSaveRefusesTheValidDocument_StoresNothingAndKeepsTheCurrentVersion()
    {
        _db.Engine.Save(CityIs("Moscow"));
        string? seen = null;

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => _db.Engine.SaveAsync(CityIs("Kazan"), document =>
        {
            seen = document.Id;
            throw new InvalidOperationException("refused by the caller");
        }));

        Assert.Equal(("refused by the caller", "city"), (refused.Message, seen));
        Assert.Equal([1L], _db.Engine.Versions("city").Select(v => v.Version));
        Assert.Contains("\"Moscow\"", _db.Engine.GetSource("city"));
    }

    [Fact]
    public async Task SaveAsync_InvalidDocument_ThrowsBeforeBeforeSaveRuns()
    {
        var called = false;

        await Assert.ThrowsAsync<Validation.SegmentValidationException>(() => _db.Engine.SaveAsync(
            Documents.Single("city", "profile.city", new { @operator = "between", value = "Moscow" }), _ => called = true));

        Assert.False(called);
        Assert.Null(_db.Engine.Find("city"));
    }

    [Fact]
    public void Save_ChangedDocument_AddsVersionAndKeepsTheOldOne()
    {
        _db.Engine.Save(CityIs("Moscow"));
        var second = _db.Engine.Save(CityIs("Kazan"));

        Assert.Equal(2, second.Version);
        Assert.Contains("\"Moscow\"", _db.Engine.GetSource("city", 1));
        Assert.Contains("\"Kazan\"", _db.Engine.GetSource("city"));
        var stored = _db.Engine.Store.GetVersion("city")!;
        Assert.Equal(SegmentHasher.Hash(second.Source), stored.Hash);
        Assert.NotEmpty(stored.Assembly);
    }

    [Fact]
    public void Initialize_StoredHashMatches_LoadsTheStoredAssemblyWithoutCompiling()
    {
        _db.AddProfiles(new ProfileData(1) { City = "Moscow" }, new ProfileData(2) { City = "Kazan" });
        _db.Engine.Save(CityIs("Moscow"));
        // Put the bytes of a Kazan predicate (same class name) under the Moscow version's matching hash:
        // if the engine loads what is stored instead of recompiling, the restarted engine selects Kazan.
        using var other = new TestDatabase();
        var kazanBytes = CompileBytes(other, CityIs("Kazan"));
        _db.Execute("UPDATE segment_versions SET assembly = @kazanBytes", new { kazanBytes });

        // Without the SQL prefilter (still the Moscow document's), so that the stored predicate alone decides.
        var restarted = _db.NewEngine();
        restarted.Recalculate("city", new Recalculation.RecalculationOptions { Pushdown = false });

        Assert.Equal([2L], restarted.Members("city"));
    }

    [Fact]
    public void Initialize_StoredHashIsStale_RecompilesAndUpdatesTheVersion()
    {
        _db.AddProfiles(new ProfileData(1) { City = "Moscow" }, new ProfileData(2) { City = "Kazan" });
        var saved = _db.Engine.Save(CityIs("Moscow"));
        using var other = new TestDatabase();
        var kazanBytes = CompileBytes(other, CityIs("Kazan"));
        _db.Execute("UPDATE segment_versions SET assembly = @kazanBytes, hash = 'built-by-an-older-plugin'", new { kazanBytes });

        var restarted = _db.NewEngine();
        restarted.Recalculate("city");

        Assert.Equal([1L], restarted.Members("city"));
        Assert.Equal(SegmentHasher.Hash(saved.Source), restarted.Store.GetVersion("city")!.Hash);
        Assert.Equal([1], restarted.Store.Versions("city"));
    }

    [Fact]
    public void Initialize_PluginMissing_MarksOnlyItsSegmentsUnavailable()
    {
        _db.AddProfiles(new ProfileData(1) { City = "Moscow" });
        _db.Engine.Save(CityIs("Moscow"));
        _db.Engine.Save(Documents.Json("needs-test-plugin", new { op = "and", items = new object[] { new { type = "test.always" } } }));

        var restarted = _db.NewEngine(PluginCatalog.FromInstances(new ProfileFieldsPlugin()));

        var unavailable = restarted.Segments().Single(s => s.Id == "needs-test-plugin");
        Assert.Equal(SegmentStatus.Unavailable, unavailable.Status);
        // The plugin the segment was saved with is named (in-process plugins are named by their assembly).
        Assert.Contains("condition type test.always is unknown: it came from plugin RulePlugins.Engine.Tests, which is not installed", unavailable.StatusReason);
        var exception = Assert.Throws<SegmentUnavailableException>(() => restarted.Recalculate("needs-test-plugin"));
        Assert.Contains("test.always", exception.Message);
        Assert.Equal(1, restarted.Recalculate("city").Members);
    }

    [Fact]
    public void GetCompiled_UnknownSegment_ThrowsNotFound()
    {
        var exception = Assert.Throws<SegmentNotFoundException>(() => _db.Engine.GetCompiled("nope"));

        Assert.Equal("nope", exception.SegmentId);
    }

    private static byte[] CompileBytes(TestDatabase database, string document)
    {
        database.Engine.Save(document);
        return database.Engine.Store.GetVersion("city")!.Assembly;
    }

    public void Dispose() => _db.Dispose();
}
