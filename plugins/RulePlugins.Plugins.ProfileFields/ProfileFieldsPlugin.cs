using RulePlugins.Plugins.ProfileFields.Conditions;
using RulePlugins.Plugins.ProfileFields.DemoData;
using RulePlugins.Sdk;
using RulePlugins.Sdk.Operators;

namespace RulePlugins.Plugins.ProfileFields;

/// <summary>Conditions over the standard profile fields: contact data, names, location, gender, dates and subscriptions.</summary>
public sealed class ProfileFieldsPlugin : IRulePlugin
{
    /// <summary>The values the gender field takes.</summary>
    public static readonly IReadOnlyList<string> Genders = ["female", "male", "unknown"];

    /// <inheritdoc />
    public void Register(IPluginBuilder builder)
    {
        builder.AddTable(ProfileFieldsTable.Definition)
            .AddConditionType(new TextFieldCondition("email", "Email", "email"))
            .AddConditionType(new TextFieldCondition("phone", "Phone", "phone"))
            .AddConditionType(new TextFieldCondition("first_name", "First name", "first name"))
            .AddConditionType(new TextFieldCondition("last_name", "Last name", "last name"))
            .AddConditionType(new TextFieldCondition("city", "City", "city"))
            .AddConditionType(new TextFieldCondition("country", "Country", "country"))
            .AddConditionType(new TextFieldCondition(
                "gender", "Gender", "gender", Genders,
                [OperatorNames.EqualTo, OperatorNames.NotEqualTo, OperatorNames.InList, OperatorNames.NotInList, OperatorNames.IsEmpty, OperatorNames.IsNotEmpty]))
            .AddConditionType(new DateFieldCondition("birth_date", "Birth date", "birth date"))
            .AddConditionType(new DateFieldCondition("created_at", "Created at", "profile creation date"))
            .AddConditionType(new AgeCondition())
            .AddConditionType(new BooleanFieldCondition("email_subscribed", "Subscribed to email", "is subscribed to email"))
            .AddConditionType(new BooleanFieldCondition("sms_subscribed", "Subscribed to SMS", "is subscribed to SMS"))
            .AddConditionType(new BooleanFieldCondition("push_subscribed", "Subscribed to push", "is subscribed to push"))
            .AddDemoData(new ProfileFieldsDemoData());
    }
}
