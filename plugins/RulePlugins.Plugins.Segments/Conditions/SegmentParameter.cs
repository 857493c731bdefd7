using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Sql;

namespace RulePlugins.Plugins.Segments.Conditions;

/// <summary>The <c>segment</c> parameter both conditions share, and the match of that segment's spells.</summary>
internal static class SegmentParameter
{
    public const string Name = "segment";

    public static ParameterDefinition Definition { get; } = new(Name, ParameterKind.String, "The id of another profile segment.") { ReferencesSegment = true };

    public static string Of(ConditionArguments arguments) => arguments.GetString(Name);

    /// <summary>A lambda over one spell row: it belongs to the segment (ids compare exactly, as the host stores them).</summary>
    public static Code Match(ConditionArguments arguments, EmitContext context) =>
        context.Expression($"static row => row.SegmentId == {Of(arguments)}");

    /// <summary>The spells of the segment, in SQL: the same ordinal comparison as <see cref="Match"/>.</summary>
    public static SqlCode Match(ConditionArguments arguments, SqlRows rows) =>
        rows.Context.Sql($"{rows.Column("segment_id")} = {Of(arguments)}");

    public static string Words(ConditionArguments arguments) => $"segment \"{Of(arguments)}\"";
}
