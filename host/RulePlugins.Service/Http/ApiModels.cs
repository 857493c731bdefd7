using System.Text.Json;
using RulePlugins.Engine;
using RulePlugins.Engine.Evaluation;
using RulePlugins.Engine.Model;
using RulePlugins.Engine.Plugins;
using RulePlugins.Engine.Store;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Service.Runs;
using RulePlugins.Engine.Runs;
using RulePlugins.Engine.References;

namespace RulePlugins.Service.Http;

/// <summary>A loaded plugin.</summary>
/// <param name="Name">The plugin's assembly name.</param>
/// <param name="Version">The plugin's version.</param>
/// <param name="ConditionTypes">The ids of the condition types it contributes.</param>
/// <param name="Tables">The tables it owns.</param>
/// <param name="Subjects">The subject kinds it reads from documents.</param>
/// <param name="LoadedFrom">The folder it was loaded from, absolute; null for a plugin registered in process.</param>
public sealed record PluginModel(
    string Name, string Version, IReadOnlyList<string> ConditionTypes, IReadOnlyList<string> Tables, IReadOnlyList<string> Subjects, string? LoadedFrom)
{
    /// <summary>From the catalog.</summary>
    public static PluginModel From(LoadedPlugin plugin) => new(
        plugin.Name,
        plugin.Version,
        [.. plugin.ConditionTypes.Select(t => t.Id).Order(StringComparer.Ordinal)],
        [.. plugin.Tables.Select(t => t.Name).Order(StringComparer.Ordinal)],
        [.. plugin.Subjects.Select(s => s.Kind).Order(StringComparer.Ordinal)],
        plugin.Directory);
}

/// <summary>A plugin that failed to load, where it was, and why.</summary>
/// <param name="Name">The plugin (folder) name.</param>
/// <param name="Reason">The failure, e.g. <c>BadImageFormatException: ...</c>.</param>
/// <param name="Folder">The plugin's folder.</param>
public sealed record PluginFailureModel(string Name, string Reason, string Folder)
{
    /// <summary>From the catalog.</summary>
    public static PluginFailureModel From(PluginFailure failure) => new(failure.Name, failure.Reason, failure.Folder);
}

/// <summary>The plugins, and those that failed to load.</summary>
public sealed record PluginListModel(IReadOnlyList<PluginModel> Plugins, IReadOnlyList<PluginFailureModel> Failures);

/// <summary>One parameter of a condition type, enough for a rule builder to render an input.</summary>
/// <param name="Name">The key in the condition's <c>params</c>.</param>
/// <param name="Kind">string, integer, number, boolean, date, string_list, number_list, integer_list.</param>
/// <param name="Description">What it means.</param>
/// <param name="Required">Whether it must be given whatever the other parameters say (false when <paramref name="DependsOn"/> is set).</param>
/// <param name="RequiredWhen">
/// Required exactly when another parameter has one of some values, and refused otherwise; null when the parameter has no
/// dependency or is optional for some values (read <paramref name="DependsOn"/>, which always says everything).
/// </param>
/// <param name="AllowedValues">The only values accepted, for strings and string lists.</param>
/// <param name="Minimum">The smallest value accepted, for numbers.</param>
/// <param name="Maximum">The largest value accepted, for numbers.</param>
/// <param name="ReferencesSegment">The value is the id of another segment.</param>
/// <param name="ChoicesFrom">The value names an entity of reference data: the values accepted now, and where they come from.</param>
/// <param name="DependsOn">For each value of the parameter this one depends on (usually the operator), whether it is required, optional or refused.</param>
public sealed record ParameterModel(
    string Name, string Kind, string Description, bool Required, RequiredWhenModel? RequiredWhen,
    IReadOnlyList<string>? AllowedValues, decimal? Minimum, decimal? Maximum, bool ReferencesSegment, ChoicesModel? ChoicesFrom,
    DependsOnModel? DependsOn)
{
    /// <summary>
    /// From a definition; <paramref name="all"/> are the condition's parameters (for the values that refuse it) and
    /// <paramref name="choices"/> gives the current values of a parameter whose values come from data.
    /// </summary>
    public static ParameterModel From(ParameterDefinition p, IReadOnlyList<ParameterDefinition> all, Func<ParameterDefinition, IReadOnlyList<string>?> choices) => new(
        p.Name,
        JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Kind.ToString()),
        p.Description,
        p.DependsOn is null && p.Required,
        p.RequiredWhen is { } when ? new RequiredWhenModel(when.Parameter, when.Values) : null,
        p.AllowedValues,
        p.Minimum,
        p.Maximum,
        p.ReferencesSegment,
        p.ChoicesFrom is { } from ? new ChoicesModel(from.Noun, from.Lookup.Name, from.Lookup.Table.Name, choices(p) ?? []) : null,
        p.DependsOn is { } dependency ? DependsOnModel.From(dependency, all) : null);
}

/// <summary>
/// How a parameter depends on another one: required for some of its values, optional for others, refused for the rest
/// and when it is left out.
/// </summary>
/// <param name="Parameter">The parameter whose value decides, e.g. operator.</param>
/// <param name="Required">The values for which this parameter must be given.</param>
/// <param name="Optional">The values for which it may be given or left out.</param>
/// <param name="Refused">The other allowed values of <paramref name="Parameter"/>: giving this parameter with one of them is an error.</param>
public sealed record DependsOnModel(string Parameter, IReadOnlyList<string> Required, IReadOnlyList<string> Optional, IReadOnlyList<string> Refused)
{
    /// <summary>From a dependency; the refused values are the deciding parameter's allowed values it does not name.</summary>
    public static DependsOnModel From(ParameterDependency dependency, IReadOnlyList<ParameterDefinition> all) => new(
        dependency.Parameter,
        dependency.RequiredFor,
        dependency.OptionalFor,
        all.FirstOrDefault(p => p.Name == dependency.Parameter)?.AllowedValues is { } allowed ? dependency.RefusedFor(allowed) : []);
}

/// <summary>The values of a parameter that names an entity of reference data; any other value is refused at save.</summary>
/// <param name="Noun">What one value is, e.g. currency.</param>
/// <param name="Lookup">The lookup listing them, e.g. market.currency_rates.</param>
/// <param name="Table">The reference table behind the lookup.</param>
/// <param name="Values">The values accepted now, ordered.</param>
public sealed record ChoicesModel(string Noun, string Lookup, string Table, IReadOnlyList<string> Values);

/// <summary>One value a parameter accepts: what a document stores, and the name a rule builder shows.</summary>
/// <param name="Value">The value (an entity's id).</param>
/// <param name="Name">The entity's name; the value itself when it has none.</param>
public sealed record ChoiceModel(string Value, string Name);

/// <summary>A page of the values a parameter accepts, for a dropdown.</summary>
/// <param name="ConditionType">The condition type.</param>
/// <param name="Parameter">The parameter.</param>
/// <param name="Noun">What one value is (<c>campaign</c>), or <c>value</c> for a fixed list.</param>
/// <param name="Total">How many values match the search in all; more than listed when the limit cut the page.</param>
/// <param name="Values">The values, ordered by name then value.</param>
public sealed record ChoicePageModel(string ConditionType, string Parameter, string Noun, int Total, IReadOnlyList<ChoiceModel> Values);

/// <summary>When a parameter is required: another parameter has one of these values.</summary>
public sealed record RequiredWhenModel(string Parameter, IReadOnlyList<string> Values);

/// <summary>A condition type of the catalogue.</summary>
public sealed record ConditionTypeModel(string Id, string Title, string Description, string Subject, string Plugin, string PluginVersion, IReadOnlyList<ParameterModel> Parameters)
{
    /// <summary>From a registration; <paramref name="choices"/> gives the current values of parameters whose values come from data.</summary>
    public static ConditionTypeModel From(ConditionRegistration r, Func<ParameterDefinition, IReadOnlyList<string>?> choices) => new(
        r.Type.Id, r.Type.Title, r.Type.Description, r.Type.Subject, r.Plugin.Name, r.Plugin.Version, [.. r.Type.Parameters.Select(p => ParameterModel.From(p, r.Type.Parameters, choices))]);
}

/// <summary>A segment as listed.</summary>
public sealed record SegmentSummaryModel(string Id, string Name, string Subject, long CurrentVersion, string Status, string? StatusReason, DateTimeOffset UpdatedAt)
{
    /// <summary>The stored member count of a profile segment (null for order segments, and where a list does not give it).</summary>
    public long? Members { get; init; }

    /// <summary>The newest run, whatever its outcome; null before the first.</summary>
    public RunModel? LastRun { get; init; }

    /// <summary>A profile segment's schedule; null for order and static segments.</summary>
    public ScheduleModel? Schedule { get; init; }

    /// <summary>From the store.</summary>
    public static SegmentSummaryModel From(SegmentInfo s) =>
        new(s.Id, s.Name, s.Subject, s.CurrentVersion, s.Status, s.StatusReason, DateTimeOffset.FromUnixTimeMilliseconds(s.UpdatedAt));
}

/// <summary>A segment with its current document, schedule and references.</summary>
public sealed record SegmentModel(
    string Id, string Name, string Subject, long CurrentVersion, string Status, string? StatusReason, DateTimeOffset UpdatedAt,
    ScheduleModel? Schedule, IReadOnlyList<string> References, IReadOnlyList<string> Referrers, JsonElement Document);

/// <summary>A profile segment's schedule.</summary>
/// <param name="Enabled">False: recalculated only when asked.</param>
/// <param name="EveryMinutes">The segment's own interval, or null for the service default.</param>
/// <param name="IntervalMinutes">The interval in force.</param>
public sealed record ScheduleModel(bool Enabled, int? EveryMinutes, double IntervalMinutes);

/// <summary>The answer to a save.</summary>
/// <param name="Id">The segment id.</param>
/// <param name="Version">The version now current.</param>
/// <param name="Created">False when the document was unchanged and the current version kept.</param>
/// <param name="CompileMilliseconds">How long the Roslyn compilation took (0 when nothing was compiled).</param>
/// <param name="Source">Where to read the generated source.</param>
/// <param name="Warnings">Flaws in the document's logic (lint); they never refuse a save.</param>
public sealed record SaveModel(string Id, int Version, bool Created, double CompileMilliseconds, string Source, IReadOnlyList<WarningModel> Warnings);

/// <summary>A flaw in a segment's logic that does not refuse the save.</summary>
/// <param name="Path">The node it is about, e.g. <c>rules.items[1]</c>.</param>
/// <param name="Rule">The lint rule, e.g. <c>or-of-negations</c>.</param>
/// <param name="Message">What is wrong, in words.</param>
/// <param name="Rewrite">The equivalent or intended form, when there is one.</param>
/// <param name="Items">The paths of the conditions involved.</param>
public sealed record WarningModel(string Path, string Rule, string Message, string? Rewrite, IReadOnlyList<string> Items)
{
    /// <summary>The model of a lint warning.</summary>
    public static WarningModel From(RulePlugins.Engine.Insight.Lint.LintWarning warning) =>
        new(warning.Path, warning.Rule, warning.Message, warning.Rewrite, warning.Items);
}

/// <summary>What a document would compile to: nothing is compiled or stored.</summary>
/// <param name="Id">The segment id the document names.</param>
/// <param name="Source">The generated C#.</param>
/// <param name="Tables">The tables its predicate would read.</param>
/// <param name="Warnings">Flaws in the document's logic (lint).</param>
/// <param name="Audience">With <c>?count=true</c> or <c>?sample=N</c>: the member count and each node's.</param>
public sealed record PreviewModel(string Id, string Source, IReadOnlyList<string> Tables, IReadOnlyList<WarningModel> Warnings, AudienceModel? Audience);

/// <summary>A draft's audience, counted now without storing anything.</summary>
/// <param name="Members">Profiles counted for which the tree holds.</param>
/// <param name="Counted">Profiles evaluated: every profile, or the sample.</param>
/// <param name="Profiles">Profiles in the database.</param>
/// <param name="Sampled">Whether the count is over a sample (whole blocks of consecutive profiles drawn at random).</param>
/// <param name="EstimatedMembers">The member count over every profile: members, or scaled up from the sample.</param>
/// <param name="Nodes">Each node's count, root first, in document order.</param>
/// <param name="EvaluatedAt">The evaluation instant used as now.</param>
/// <param name="Milliseconds">How long compiling and counting took.</param>
public sealed record AudienceModel(
    long Members, long Counted, long Profiles, bool Sampled, long EstimatedMembers, IReadOnlyList<NodeCountModel> Nodes, DateTimeOffset EvaluatedAt, double Milliseconds)
{
    /// <summary>The model of an audience count.</summary>
    public static AudienceModel From(RulePlugins.Engine.Insight.Preview.AudienceCount count) => new(
        count.Members, count.Counted, count.Profiles, count.Sampled, count.EstimatedMembers,
        [.. count.Nodes.Select(n => new NodeCountModel(n.Path, n.Description, n.Count))],
        DateTimeOffset.FromUnixTimeMilliseconds(count.EvaluatedAt), Math.Round(count.Duration.TotalMilliseconds, 1));
}

/// <summary>How many profiles one node of the tree holds for.</summary>
/// <param name="Path">The node's path (<c>rules</c> is the root).</param>
/// <param name="Description">The condition in words, or the group's operator and size.</param>
/// <param name="Count">Profiles counted for which it holds.</param>
public sealed record NodeCountModel(string Path, string Description, long Count);

/// <summary>A stored version.</summary>
public sealed record VersionModel(long Version, DateTimeOffset CreatedAt, string Hash, bool Current);

/// <summary>A stored version with its document.</summary>
public sealed record VersionDetailModel(long Version, DateTimeOffset CreatedAt, string Hash, bool Current, JsonElement Document);

/// <summary>
/// How the current version compiled. Generated code is compiled with every warning as an error, so a stored version
/// has no diagnostics; a version that fails is refused at save time with its errors. An unavailable segment (a
/// plugin it needs is missing or changed incompatibly) has one diagnostic saying why.
/// </summary>
/// <param name="Tables">The tables its predicate reads, for profile segments.</param>
public sealed record DiagnosticsModel(
    string SegmentId, long Version, string Status, string? StatusReason, string Hash, int SourceLines, int AssemblyBytes,
    IReadOnlyList<string> Tables, IReadOnlyList<ProblemError> Diagnostics);

/// <summary>A page of members, ascending; pass <paramref name="Next"/> as <c>after</c> for the next page.</summary>
public sealed record MembersPage(string SegmentId, long Total, IReadOnlyList<long> Items, long? Next);

/// <summary>A membership change.</summary>
public sealed record MembershipChangeModel(long Id, long ProfileId, string Change, long RunId, DateTimeOffset At);

/// <summary>A page of the membership log, oldest first; pass <paramref name="Next"/> as <c>after</c> for the next page.</summary>
public sealed record MembershipLogPage(string SegmentId, IReadOnlyList<MembershipChangeModel> Items, long? Next);

/// <summary>A queued run.</summary>
public sealed record RunQueuedModel(long RunId, string SegmentId, string Status);

/// <summary>Runs queued by "recalculate all".</summary>
public sealed record RunsQueuedModel(IReadOnlyList<RunQueuedModel> Runs);

/// <summary>Where a running run is.</summary>
/// <param name="Scanned">Profiles evaluated so far.</param>
/// <param name="Total">Profiles when the run started.</param>
/// <param name="Members">Members found so far.</param>
/// <param name="Percent">Scanned of total, 0 to 100.</param>
/// <param name="ProfilesPerSecond">The rate so far.</param>
/// <param name="EtaSeconds">The estimated seconds left at that rate, or null before the first batch.</param>
public sealed record ProgressModel(long Scanned, long Total, long Members, double Percent, double ProfilesPerSecond, double? EtaSeconds);

/// <summary>
/// A run with its statistics, and its progress while it runs. <c>StartedBy</c> is <c>api</c> or <c>schedule</c>
/// (null for a run started in process, from the command line). <c>EvaluatedAt</c> is the run's evaluation instant:
/// every "now" of the run ("in the last X days", ages) is this one; null while the run is queued. <c>Owner</c> is
/// the host instance that owns the run.
/// </summary>
public sealed record RunModel(
    long Id, string SegmentId, long Version, string Status, string? StartedBy, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    long Scanned, long Members, long Entered, long Left, long DurationMs, string? Error, ProgressModel? Progress, string? Owner, DateTimeOffset? EvaluatedAt)
{
    /// <summary>From a stored run.</summary>
    public static RunModel From(RunInfo r, ProgressModel? progress = null) => new(
        r.Id, r.SegmentId, r.Version, r.Status, r.StartedBy, DateTimeOffset.FromUnixTimeMilliseconds(r.StartedAt),
        r.FinishedAt is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null,
        r.Scanned, r.Members, r.Entered, r.Left, r.DurationMs, r.Error, progress, r.Owner,
        r.Status == RunStates.Queued ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.StartedAt));

    /// <summary>From a run status.</summary>
    public static RunModel From(RunStatus status)
    {
        ProgressModel? progress = null;
        if (status.Progress is { } p)
        {
            var rate = p.Elapsed.TotalSeconds > 0 ? p.Scanned / p.Elapsed.TotalSeconds : 0;
            var left = Math.Max(0, p.Total - p.Scanned);
            progress = new ProgressModel(
                p.Scanned, p.Total, p.Members, p.Total > 0 ? Math.Round(100.0 * p.Scanned / p.Total, 1) : 100, Math.Round(rate),
                rate > 0 ? Math.Round(left / rate, 1) : null);
        }
        else if (status.Run.Status == Engine.Runs.RunStates.Running)
        {
            progress = new ProgressModel(0, 0, 0, 0, 0, null);
        }

        return From(status.Run, progress);
    }
}

/// <summary>A page of runs, newest first; pass <paramref name="Next"/> as <c>before</c> for the next page.</summary>
public sealed record RunsPage(IReadOnlyList<RunModel> Items, long? Next);

/// <summary>What cancelling did.</summary>
public sealed record CancelModel(long RunId, string Outcome);

/// <summary>The answer of an order segment for one order.</summary>
/// <param name="SegmentId">The segment.</param>
/// <param name="Version">The version evaluated.</param>
/// <param name="Matched">Whether the order is in the segment.</param>
/// <param name="Explanation">With <c>?explain=true</c>: every node and whether it held.</param>
public sealed record EvaluationModel(string SegmentId, int Version, bool Matched, NodeOutcomeModel? Explanation)
{
    /// <summary>From the engine's answer.</summary>
    public static EvaluationModel From(SubjectEvaluation e) =>
        new(e.SegmentId, e.Version, e.Matched, e.Explanation is null ? null : NodeOutcomeModel.From(e.Explanation));
}

/// <summary>One node of the tree and whether it held.</summary>
public sealed record NodeOutcomeModel(string Path, string Description, bool Held, IReadOnlyList<NodeOutcomeModel>? Items)
{
    /// <summary>From the engine's outcome.</summary>
    public static NodeOutcomeModel From(NodeOutcome n) =>
        new(n.Path, n.Description, n.Held, n.Items.IsDefaultOrEmpty ? null : [.. n.Items.Select(From)]);
}

/// <summary>
/// Readiness: <c>ready</c>, <c>degraded</c> (a plugin failed to load or a stored segment is unavailable) or
/// <c>not ready</c>; each check; and, when degraded, what failed.
/// </summary>
/// <param name="Status">ready, degraded or not ready (alive for liveness).</param>
/// <param name="Checks">Each check and what it found.</param>
/// <param name="FailedPlugins">The plugins that failed to load (name, folder, reason); empty when none.</param>
/// <param name="UnavailableSegments">The stored segments that cannot be evaluated (id, reason); empty when none.</param>
public sealed record ReadinessModel(
    string Status, IReadOnlyDictionary<string, string> Checks, IReadOnlyList<PluginFailureModel>? FailedPlugins = null, IReadOnlyList<UnavailableSegmentModel>? UnavailableSegments = null);

/// <summary>A stored segment that cannot be evaluated now, and why.</summary>
public sealed record UnavailableSegmentModel(string Id, string Reason);

/// <summary>Schedule helpers.</summary>
internal static class Schedules
{
    /// <summary>The schedule of a profile segment in force, or null for other subjects.</summary>
    public static ScheduleModel? Of(SegmentLinks? links, SchedulingSettings settings)
    {
        if (links is null || links.Subject != Sdk.SubjectKinds.Profile)
        {
            return null;
        }

        var schedule = links.Schedule ?? new SegmentSchedule(null, true);
        return new ScheduleModel(schedule.Enabled && settings.Enabled, schedule.EveryMinutes, settings.IntervalOf(schedule).TotalMinutes);
    }
}

/// <summary>How a segment's size moved over its successful runs.</summary>
/// <param name="Id">The segment.</param>
/// <param name="Runs">One point per run, oldest first.</param>
public sealed record SizeHistoryModel(string Id, IReadOnlyList<SizePointModel> Runs);

/// <summary>A segment's size after one successful run.</summary>
/// <param name="RunId">The run.</param>
/// <param name="At">The run's evaluation instant.</param>
/// <param name="Members">Members after the run.</param>
/// <param name="Entered">Profiles the run added.</param>
/// <param name="Left">Profiles the run removed.</param>
public sealed record SizePointModel(long RunId, DateTimeOffset At, long Members, long Entered, long Left);

/// <summary>Why a profile is or is not a member of a segment.</summary>
/// <param name="SegmentId">The segment.</param>
/// <param name="Version">The version evaluated (the current one).</param>
/// <param name="ProfileId">The profile.</param>
/// <param name="Member">Whether the tree holds for the profile at the instant.</param>
/// <param name="EvaluatedAt">The evaluation instant used as now.</param>
/// <param name="Instant">Why that instant: the last successful run's, the one asked for, or now.</param>
/// <param name="RunId">The last successful run; null before the first.</param>
/// <param name="StoredMember">Whether the stored membership holds the profile; null before the first run.</param>
/// <param name="Root">The tree: each node's answer, and each condition's rows.</param>
public sealed record ExplanationModel(
    string SegmentId, int Version, long ProfileId, bool Member, DateTimeOffset EvaluatedAt, string Instant, long? RunId, bool? StoredMember,
    RulePlugins.Engine.Insight.Explain.ExplainedNode Root);
