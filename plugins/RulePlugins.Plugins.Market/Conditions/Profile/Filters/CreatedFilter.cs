using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;

namespace RulePlugins.Plugins.Market.Conditions.Profile.Filters;

/// <summary>
/// Orders created in the last X days or in a period of whole UTC days: the SDK's counting window on <c>created_at</c>
/// (<see cref="WindowParameters"/>). It sets nothing on the filter object: the window bounds the rows loaded and is passed
/// to the counting helper.
/// </summary>
internal sealed class CreatedFilter : Facet
{
    /// <summary>The window parameters under the market's names; no "next days" window (orders are in the past).</summary>
    public static WindowParameters Window { get; } = new()
    {
        LastDays = "created_in_last_days",
        NextDays = null,
        From = "created_from",
        To = "created_to",
        Rows = "Orders created",
    };

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } = Window.Parameters;

    /// <inheritdoc />
    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => Window.Validate(arguments);

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [];

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) => "created " + Window.Describe(arguments);

    /// <inheritdoc />
    public override IEnumerable<FacetSetting> Emit(ConditionArguments arguments, EmitContext context) => [];
}
