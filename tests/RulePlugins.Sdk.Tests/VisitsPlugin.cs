using RulePlugins.Sdk;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;

namespace RulePlugins.Sdk.Tests;

/// <summary>One visit of a profile: when it happened.</summary>
public sealed class VisitRow
{
    public long VisitedAt { get; set; }
}

/// <summary>
/// The smallest plugin over the counting family, twice over one table: <c>visits.happened</c> counts visits as things
/// that happened (<see cref="CountOperators.PastOnly"/>), <c>visits.any</c> counts every row (the default).
/// </summary>
public sealed class VisitsPlugin : IRulePlugin
{
    public static readonly TableDefinition Visits = new("test_visits", "profile_id", typeof(VisitRow), [new("visited_at", ColumnType.Timestamp) { Nullable = false }]);

    public void Register(IPluginBuilder builder) => builder
        .AddTable(Visits)
        .AddConditionType(new Visited("visits.happened", pastOnly: true))
        .AddConditionType(new Visited("visits.any", pastOnly: false));

    private sealed class Visited(string id, bool pastOnly) : ConditionType
    {
        private readonly CountOperators _family = new(Visits, "visited_at") { PastOnly = pastOnly, Window = WindowParameters.Default with { NextDays = null } };

        public override string Id => id;

        public override string Title => "Visits";

        public override string Description => "Visits counted in a window.";

        public override IReadOnlyList<ParameterDefinition> Parameters => _family.Parameters;

        public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => _family.Validate(arguments);

        public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => _family.GetDataRequirements(arguments);

        public override string Describe(ConditionArguments arguments) => _family.Describe(arguments, "visited");

        public override Code Emit(ConditionArguments arguments, EmitContext context) => _family.Emit(arguments, context, match: null);
    }
}
