using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Sdk;

/// <summary>
/// The entry point of a plugin. The host creates one instance of every public, non-abstract
/// implementation in a plugin assembly (it needs a public parameterless constructor) and calls
/// <see cref="Register"/> once, at start-up.
/// </summary>
public interface IRulePlugin
{
    /// <summary>Declares what the plugin contributes: condition types, tables, lookups, subject kinds and demo data.</summary>
    void Register(IPluginBuilder builder);
}

/// <summary>What a plugin can contribute. Every method returns the builder so calls can be chained.</summary>
public interface IPluginBuilder
{
    /// <summary>Adds a condition type. Its <see cref="ConditionType.Id"/> must be unique across all plugins.</summary>
    IPluginBuilder AddConditionType(ConditionType conditionType);

    /// <summary>Adds a table the plugin owns. The host creates and migrates it, and loads its rows in batches.</summary>
    IPluginBuilder AddTable(TableDefinition table);

    /// <summary>Adds a lookup over one of the plugin's reference tables. Its name must be unique across all plugins.</summary>
    IPluginBuilder AddLookup(LookupDefinition lookup);

    /// <summary>Adds a subject kind the plugin owns, read from JSON documents (one order, say). One plugin owns each kind.</summary>
    IPluginBuilder AddSubject(SubjectDefinition subject);

    /// <summary>Adds a generator that fills the plugin's tables with synthetic data for demos and benchmarks.</summary>
    IPluginBuilder AddDemoData(IDemoDataGenerator generator);
}

/// <summary>
/// The subject kind the host itself owns. Every other kind (an order, say) belongs to the plugin that declares it with a
/// <see cref="SubjectDefinition"/>; the host finds those in its catalogue.
/// </summary>
public static class SubjectKinds
{
    /// <summary>A customer profile; profile segments are recalculated in batches from the database.</summary>
    public const string Profile = "profile";
}
