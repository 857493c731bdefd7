using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests;

public sealed class UnloadingTests : IDisposable
{
    private const int Replacements = 500;
    private readonly TestDatabase _db = new();

    [Fact]
    public void Save_ReplacingOneSegment500Times_CollectsOldVersionsAndKeepsMemoryFlat()
    {
        var references = new List<WeakReference>();
        long memoryAtHundred = 0;
        for (var i = 0; i < Replacements; i++)
        {
            references.Add(SaveAndTrack(i));
            if (i == 100)
            {
                memoryAtHundred = CollectedHeapSize();
            }
        }

        var memoryAtEnd = CollectedHeapSize();

        // Every version but the current one is gone; the current one is still in use.
        Assert.Equal(0, references.Take(Replacements - 1).Count(r => r.IsAlive));
        Assert.True(references[^1].IsAlive);
        Assert.True(AssemblyLoadContext.All.Count(c => c.Name?.StartsWith("unloading v", StringComparison.Ordinal) == true) <= 2);
        Assert.True(memoryAtEnd - memoryAtHundred < 16 * 1024 * 1024, $"managed heap grew from {memoryAtHundred:N0} to {memoryAtEnd:N0} bytes over {Replacements - 100} replacements");
        Assert.Equal(Replacements, _db.Engine.Store.Versions("unloading").Count);
    }

    [Fact]
    public void Save_OrderSegmentEvaluatedWithExplainBetweenSaves_LeavesAtMostTwoLoadContextsAlive()
    {
        // Evaluation caches state per compiled segment (the row layout, the bound tree for explanations): those
        // caches must not keep replaced versions' load contexts alive.
        using var db = new TestDatabase(new global::RulePlugins.Plugins.ProfileFields.ProfileFieldsPlugin(), new TestTicketsPlugin());
        db.Execute("INSERT INTO test_fees (seat_class, fee) VALUES ('economy', 5), ('business', 50)");
        var references = new List<WeakReference>();
        for (var i = 0; i < 200; i++)
        {
            references.Add(SaveEvaluateAndTrack(db.Engine, i));
        }

        CollectedHeapSize();

        Assert.Equal(0, references.Take(references.Count - 1).Count(r => r.IsAlive));
        Assert.True(references[^1].IsAlive);
        Assert.True(AssemblyLoadContext.All.Count(c => c.Name?.StartsWith("unloading-order v", StringComparison.Ordinal) == true) <= 2);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference SaveEvaluateAndTrack(RuleEngine engine, int i)
    {
        engine.Save(Documents.Json("unloading-order", new
        {
            op = "or",
            items = new object[] { new { type = "test.total_with_fees_at_least", @params = new { value = 100 + i } } },
        }, subject: "order"));
        var result = engine.Evaluate("unloading-order", """{"lines": [{"seat_class": "economy", "price": 290}]}""", explain: true);
        Assert.Equal(295 >= 100 + i, result.Matched);
        return new WeakReference(AssemblyLoadContext.GetLoadContext(engine.GetCompiled("unloading-order").Predicate.GetType().Assembly));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private WeakReference SaveAndTrack(int i)
    {
        _db.Engine.Save(Documents.Single("unloading", "profile.city", new { @operator = "equals", value = "City " + i }));
        return new WeakReference(_db.Engine.GetCompiled("unloading").Predicate.GetType().Assembly);
    }

    private static long CollectedHeapSize()
    {
        for (var i = 0; i < 5; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    public void Dispose() => _db.Dispose();
}
