using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Sql;

namespace RulePlugins.Plugins.ProfileFields.Conditions;

/// <summary>A condition on one column of <c>profile_fields</c>; subclasses pick the operator family.</summary>
public abstract class FieldCondition(string column, string title, string words) : ConditionType
{
    /// <summary>The column compared.</summary>
    protected ColumnDefinition Column { get; } = ProfileFieldsTable.Definition.Column(column);

    /// <summary>How descriptions name the field, e.g. "city".</summary>
    protected string Words { get; } = words;

    /// <inheritdoc />
    public override string Id => "profile." + Column.Name;

    /// <inheritdoc />
    public override string Title => title;

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) =>
        [ProfileFieldsTable.Definition.Read(Column.Name)];

    /// <summary>The field's column in SQL (NULL when the profile has no row), for translations.</summary>
    protected SqlCode Field(SqlContext context) => context.Column(ProfileFieldsTable.Definition, Column.Name);

    /// <summary>The expression reading the field of the subject's profile row (null when the profile has no row).</summary>
    protected Code Field(EmitContext context) =>
        context.Expression($"{context.Row(ProfileFieldsTable.Definition)}?.{context.Identifier(Column.PropertyName)}");
}
