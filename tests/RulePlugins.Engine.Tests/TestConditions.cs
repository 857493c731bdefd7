using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Sdk;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;

namespace RulePlugins.Engine.Tests;

/// <summary>Small in-process condition types for engine tests, including deliberately faulty emitters.</summary>
public sealed class TestConditionsPlugin : IRulePlugin
{
    public void Register(IPluginBuilder builder) => builder
        .AddConditionType(new Fixed("test.always", true))
        .AddConditionType(new Fixed("test.never", false))
        .AddConditionType(new BrokenEmitter())
        .AddConditionType(new UndeclaredTableReader())
        .AddConditionType(new UndeclaredColumnReader())
        .AddConditionType(new ShadowingFieldHints());

    private sealed class Fixed(string id, bool value) : ConditionType
    {
        public override string Id => id;

        public override string Title => id;

        public override IReadOnlyList<ParameterDefinition> Parameters => [];

        public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [];

        public override string Describe(ConditionArguments arguments) => value ? "always holds" : "never holds";

        public override Code Emit(ConditionArguments arguments, EmitContext context) => context.Literal(value);
    }

    /// <summary>Emits code that does not compile, as an emitter bug would.</summary>
    private sealed class BrokenEmitter : ConditionType
    {
        public override string Id => "test.broken_emitter";

        public override string Title => "Broken emitter";

        public override IReadOnlyList<ParameterDefinition> Parameters => [];

        public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [];

        public override string Describe(ConditionArguments arguments) => "refers to a name that does not exist";

        public override Code Emit(ConditionArguments arguments, EmitContext context) => context.Expression($"undefined_identifier > 0");
    }

    /// <summary>
    /// Asks for fields named like what the generated class already uses (the SDK's <c>Text</c> and <c>Subject</c>, an
    /// inherited member, the generated <c>Slots</c> class): the host must pick other names, or the source would not compile.
    /// </summary>
    private sealed class ShadowingFieldHints : ConditionType
    {
        public override string Id => "test.shadowing_field_hints";

        public override string Title => "Fields with taken names";

        public override IReadOnlyList<ParameterDefinition> Parameters => [];

        public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [];

        public override string Describe(ConditionArguments arguments) => "fields named Text, Subject, ToString and Slots hold a, b, c and d";

        public override Code Emit(ConditionArguments arguments, EmitContext context)
        {
            var type = context.TypeName(typeof(string));
            var a = context.StaticField(type, "Text", context.Literal("a"));
            var b = context.StaticField(type, "Subject", context.Literal("b"));
            var c = context.StaticField(type, "ToString", context.Literal("c"));
            var d = context.StaticField(type, "Slots", context.Literal("d"));
            return context.Expression($"{a} + {b} + {c} + {d} == {"abcd"}");
        }
    }

    /// <summary>Declares the city column but reads the email column.</summary>
    private sealed class UndeclaredColumnReader : ConditionType
    {
        public override string Id => "test.undeclared_column";

        public override string Title => "Undeclared column";

        public override IReadOnlyList<ParameterDefinition> Parameters => [];

        public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) =>
            [ProfileFieldsTable.Definition.Read("city")];

        public override string Describe(ConditionArguments arguments) => "declares city, reads email";

        public override Code Emit(ConditionArguments arguments, EmitContext context) =>
            context.Expression($"{context.Row(ProfileFieldsTable.Definition)}?.City != null && {context.Row(ProfileFieldsTable.Definition)}?.Email != null");
    }

    /// <summary>Reads a table it did not declare in its data requirements.</summary>
    private sealed class UndeclaredTableReader : ConditionType
    {
        public override string Id => "test.undeclared_table";

        public override string Title => "Undeclared table";

        public override IReadOnlyList<ParameterDefinition> Parameters => [];

        public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [];

        public override string Describe(ConditionArguments arguments) => "reads profile fields without saying so";

        public override Code Emit(ConditionArguments arguments, EmitContext context) =>
            context.Expression($"{context.Row(ProfileFieldsTable.Definition)} is not null");
    }
}
