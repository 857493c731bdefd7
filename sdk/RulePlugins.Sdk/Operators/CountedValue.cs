namespace RulePlugins.Sdk.Operators;

/// <summary>
/// The column a counting condition totals or averages (<c>total</c> and <c>average</c> operators), compared with the
/// number operators under the parameters <c>{Name}_operator</c>, <c>{Name}_value</c>, <c>{Name}_min</c>, <c>{Name}_max</c>.
/// </summary>
/// <param name="Column">The numeric column of the counted table (integer or decimal).</param>
/// <param name="Name">A lower-case word naming the value in parameters and descriptions: <c>cost</c> gives <c>cost_operator</c> and "total cost".</param>
public sealed record CountedValue(string Column, string Name)
{
    /// <summary>The prefix of the comparison's parameters: <c>{Name}_</c>.</summary>
    public string Prefix => Name + "_";
}
