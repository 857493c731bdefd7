using RulePlugins.Sdk;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;

namespace RulePlugins.TestPlugins.Duplicate;

/// <summary>Registers "profile.city", which the profile fields plugin owns.</summary>
public sealed class DuplicatePlugin : IRulePlugin
{
    /// <inheritdoc />
    public void Register(IPluginBuilder builder) => builder.AddConditionType(new CityAgain());

    private sealed class CityAgain : ConditionType
    {
        public override string Id => "profile.city";

        public override string Title => "City (again)";

        public override IReadOnlyList<ParameterDefinition> Parameters => [];

        public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [];

        public override string Describe(ConditionArguments arguments) => "always";

        public override Code Emit(ConditionArguments arguments, EmitContext context) => context.Literal(true);
    }
}
