namespace RulePlugins.Engine.Compilation;

/// <summary>Where Roslyn runs when a segment is compiled.</summary>
public enum CompilationIsolation
{
    /// <summary>
    /// On the engine's dedicated compile threads, in this process: no process start, but Roslyn's allocations
    /// (hundreds of MiB for a large segment) and the garbage collections they cause are this process's. The default
    /// of the in-process engine and the command line.
    /// </summary>
    Thread,

    /// <summary>
    /// In compile worker processes (<c>rulehost-compiler</c>, one per compile slot, below normal priority), so Roslyn's
    /// memory and collections never touch this process; the compile threads only wait for the answer. The default of
    /// the service.
    /// </summary>
    Process,
}
