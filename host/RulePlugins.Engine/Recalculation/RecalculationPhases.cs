namespace RulePlugins.Engine.Recalculation;

/// <summary>
/// Where a recalculation's time went, phase by phase (a stopwatch around each). Profile ids and rows are read on a
/// thread of their own while the previous batch is evaluated, so when the pipeline overlaps the phases add up to more
/// than the run's duration; the phase that dominates is the one to make faster.
/// </summary>
/// <param name="Setup">Reading the lookups and counting the profiles, and recording the run as started.</param>
/// <param name="Ids">Reading each batch's profile ids (keyset pages of <c>profiles</c>).</param>
/// <param name="Rows">Reading each batch's planned rows into row objects: the queries and the materialization.</param>
/// <param name="Evaluation">Evaluating the compiled predicate over each batch, on every core.</param>
/// <param name="Staging">Writing each batch's members to the staging table.</param>
/// <param name="Replace">Replacing the membership from the staging table, with the entered/left log, in one transaction.</param>
public sealed record RecalculationPhases(TimeSpan Setup, TimeSpan Ids, TimeSpan Rows, TimeSpan Evaluation, TimeSpan Staging, TimeSpan Replace)
{
    /// <summary>The phases with their names, in pipeline order.</summary>
    public IEnumerable<(string Name, TimeSpan Time)> Named =>
    [
        ("setup", Setup), ("ids", Ids), ("rows", Rows), ("evaluation", Evaluation), ("staging", Staging), ("replace", Replace),
    ];
}
