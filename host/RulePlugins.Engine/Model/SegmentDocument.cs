using System.Collections.Immutable;
using System.Text.Json;

namespace RulePlugins.Engine.Model;

/// <summary>How the items of a group are joined. One operator per group; nest a group for the other.</summary>
public enum LogicalOperator
{
    /// <summary>Every item must hold.</summary>
    And,

    /// <summary>At least one item must hold.</summary>
    Or,
}

/// <summary>A segment document as saved by a user (schema version 1), parsed but not yet checked against plugins.</summary>
/// <param name="SchemaVersion">The document format version.</param>
/// <param name="Id">The segment id (lower-case letters, digits, dashes).</param>
/// <param name="Name">The display name.</param>
/// <param name="Description">An optional description.</param>
/// <param name="Subject">What the segment selects: profile or order.</param>
/// <param name="Rules">The root group.</param>
/// <param name="Json">The document text as received.</param>
public sealed record SegmentDocument(int SchemaVersion, string Id, string Name, string? Description, string Subject, GroupNode Rules, string Json)
{
    /// <summary>When the host service recalculates the segment; null means on the service's default interval.</summary>
    public SegmentSchedule? Schedule { get; init; }
}

/// <summary>How often the host service recalculates a profile segment on its own.</summary>
/// <param name="EveryMinutes">The interval in minutes; null means the service's default.</param>
/// <param name="Enabled">False: recalculated only when asked.</param>
public sealed record SegmentSchedule(int? EveryMinutes, bool Enabled)
{
    /// <summary>The longest interval accepted: 30 days.</summary>
    public const int MaxMinutes = 43_200;
}

/// <summary>A node of the rule tree; <see cref="Path"/> is its JSON path, e.g. <c>rules.items[1].items[0]</c>.</summary>
public abstract record RuleNode(string Path);

/// <summary>A group of rules joined by one logical operator.</summary>
public sealed record GroupNode(string Path, LogicalOperator Operator, ImmutableArray<RuleNode> Items) : RuleNode(Path);

/// <summary>A leaf condition: a condition type id and its raw parameters.</summary>
public sealed record ConditionNode(string Path, string Type, ImmutableSortedDictionary<string, JsonElement> Parameters) : RuleNode(Path);
