using RulePlugins.Sdk;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;

namespace RulePlugins.TestPlugins.Links;

/// <summary>A profile's link to a segment: one row per profile and segment id.</summary>
public sealed class LinkRow
{
    /// <summary>The segment the profile is linked to.</summary>
    public string? SegmentId { get; set; }
}

/// <summary>
/// Contributes <c>links.linked_to</c> (the profile has a link row naming a given segment) and <c>links.slow</c>
/// (always holds, after a pause per profile), which makes a recalculation last long enough to cancel or stop; with
/// <c>while_file_exists</c> it pauses only while that file exists, so a test lets the rest of a run go at full speed
/// once it has interrupted it.
/// </summary>
public sealed class LinksPlugin : IRulePlugin
{
    /// <summary>The link table.</summary>
    public static readonly TableDefinition Links = new(
        "test_links",
        "profile_id",
        typeof(LinkRow),
        [new("segment_id", ColumnType.Text) { Nullable = false }]);

    /// <inheritdoc />
    public void Register(IPluginBuilder builder) => builder
        .AddTable(Links)
        .AddConditionType(new LinkedTo())
        .AddConditionType(new Slow());

    /// <summary>Whether any row names <paramref name="segmentId"/>.</summary>
    public static bool AnyLink(ReadOnlySpan<LinkRow> rows, string segmentId)
    {
        foreach (var row in rows)
        {
            if (row.SegmentId == segmentId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Waits <paramref name="milliseconds"/>, then holds.</summary>
    public static bool Pause(long milliseconds)
    {
        Thread.Sleep(TimeSpan.FromMilliseconds(milliseconds));
        return true;
    }

    /// <summary>Waits <paramref name="milliseconds"/> while the file <paramref name="gate"/> exists, then holds.</summary>
    public static bool Pause(long milliseconds, string gate)
    {
        if (File.Exists(gate))
        {
            Thread.Sleep(TimeSpan.FromMilliseconds(milliseconds));
        }

        return true;
    }

    private sealed class Slow : ConditionType
    {
        public override string Id => "links.slow";

        public override string Title => "Slow (always holds)";

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
        [
            new("milliseconds", ParameterKind.Integer, "The pause per profile.") { Minimum = 0, Maximum = 1000 },
            new("while_file_exists", ParameterKind.String, "Pause only while this file exists.") { Required = false },
        ];

        public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [];

        public override string Describe(ConditionArguments arguments) =>
            $"always, after a pause of {arguments.GetInteger("milliseconds")} ms" +
            (arguments.GetOptionalString("while_file_exists") is { } gate ? $" while \"{gate}\" exists" : string.Empty);

        public override Code Emit(ConditionArguments arguments, EmitContext context) =>
            arguments.GetOptionalString("while_file_exists") is { } gate
                ? context.Expression($"{context.TypeName(typeof(LinksPlugin))}.Pause({arguments.GetInteger("milliseconds")}, {gate})")
                : context.Expression($"{context.TypeName(typeof(LinksPlugin))}.Pause({arguments.GetInteger("milliseconds")})");
    }

    private sealed class LinkedTo : ConditionType
    {
        public override string Id => "links.linked_to";

        public override string Title => "Linked to a segment";

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
            [new("segment", ParameterKind.String, "The segment the profile is linked to.") { ReferencesSegment = true }];

        public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [Links.Read("segment_id")];

        public override string Describe(ConditionArguments arguments) => $"linked to segment \"{arguments.GetString("segment")}\"";

        public override Code Emit(ConditionArguments arguments, EmitContext context) =>
            context.Expression($"{context.TypeName(typeof(LinksPlugin))}.AnyLink({context.Rows(Links)}, {arguments.GetString("segment")})");
    }
}
