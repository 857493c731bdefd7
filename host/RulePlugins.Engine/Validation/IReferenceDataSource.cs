using RulePlugins.Sdk.Data;

namespace RulePlugins.Engine.Validation;

/// <summary>
/// The reference data validation reads: the models of the lookups that list a parameter's choices
/// (<see cref="Sdk.Conditions.ParameterDefinition.ChoicesFrom"/>). The engine's own cache implements it.
/// </summary>
internal interface IReferenceDataSource
{
    /// <summary>The model of <paramref name="lookup"/>, as cached.</summary>
    object Model(LookupDefinition lookup);

    /// <summary>The model of <paramref name="lookup"/> read again from the database (and cached from then on).</summary>
    object Reload(LookupDefinition lookup);
}
