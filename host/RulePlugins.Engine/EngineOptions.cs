using RulePlugins.Engine.Recalculation;
using RulePlugins.Engine.Runs;
using RulePlugins.Engine.Validation;

namespace RulePlugins.Engine;

/// <summary>Settings of a <see cref="RuleEngine"/>.</summary>
public sealed record EngineOptions
{
    /// <summary>The database provider: <c>sqlite</c> (default), <c>postgresql</c> (alias <c>postgres</c>) or <c>sqlserver</c>.</summary>
    public string Provider { get; init; } = "sqlite";

    /// <summary>
    /// The connection string in the provider's syntax; by default a SQLite file at <see cref="DatabasePath"/>. It may hold
    /// a password: print <see cref="Data.Database.Describe"/>, never this.
    /// </summary>
    public string? ConnectionString { get; init; }

    /// <summary>The SQLite database file used when no connection string is given.</summary>
    public string DatabasePath { get; init; } = Path.Combine("data", "ruleplugins.db");

    /// <summary>The folder with one sub-folder per plugin; by default <c>plugins</c> beside the executable.</summary>
    public string PluginDirectory { get; init; } = Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>
    /// Every folder plugins are loaded from, in order: each holds one sub-folder per plugin, or is itself one plugin's
    /// folder (see <see cref="Plugins.PluginDirectoryLoader"/>). By default just <see cref="PluginDirectory"/>; when set,
    /// these folders are loaded instead (list <see cref="PluginDirectory"/> among them to keep it).
    /// </summary>
    public IReadOnlyList<string> PluginDirectories
    {
        get => _pluginDirectories ?? [PluginDirectory];
        init => _pluginDirectories = value;
    }

    private readonly IReadOnlyList<string>? _pluginDirectories;

    /// <summary>Limits on segment documents.</summary>
    public ValidationLimits Limits { get; init; } = new();

    /// <summary>How saves compile: concurrency, queue, budget.</summary>
    public Compilation.CompilationSettings Compilation { get; init; } = new();

    /// <summary>How recalculations run by default.</summary>
    public RecalculationOptions Recalculation { get; init; } = new();

    /// <summary>
    /// Profiles a save evaluates each condition on, with the declared columns and with every column, to refuse a plugin
    /// that reads a column it did not declare (see <see cref="RuleEngine.FindUndeclaredColumns"/>); 0 turns the check off.
    /// </summary>
    public int ColumnCheckSample { get; init; } = 2_000;

    /// <summary>
    /// From this many current members on, lint warns about a negation ("not in segment", "never entered") of that
    /// segment, as the segment documentation cautions against "not in segment" for large selections.
    /// </summary>
    public long LargeSegmentMembers { get; init; } = 100_000;

    /// <summary>How runs are owned and reclaimed when several processes share the database.</summary>
    public RunLeaseOptions Leases { get; init; } = new();
}
