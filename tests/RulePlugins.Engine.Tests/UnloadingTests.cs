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
