using RulePlugins.Engine.Recalculation;

namespace RulePlugins.Benchmarks;

/// <summary>Memory seen from the recalculation's Progress callback (once per batch, on the evaluating thread).</summary>
internal sealed class MemorySampler
{
    public MemorySampler()
    {
        BaselineTotalMemory = GC.GetTotalMemory(forceFullCollection: false);
    }

    public long BaselineTotalMemory { get; }

    public long MaxTotalMemory { get; private set; }

    public long MaxHeapSize { get; private set; }

    public long MaxWorkingSet { get; private set; }

    public int Samples { get; private set; }

    public void Sample(RecalculationProgress progress) => SampleNow();

    public void SampleNow()
    {
        MaxTotalMemory = Math.Max(MaxTotalMemory, GC.GetTotalMemory(forceFullCollection: false));
        MaxHeapSize = Math.Max(MaxHeapSize, GC.GetGCMemoryInfo().HeapSizeBytes);
        MaxWorkingSet = Math.Max(MaxWorkingSet, Environment.WorkingSet);
        Samples++;
    }
}
