using System.Globalization;
using RulePlugins.Engine.CodeGen;
using RulePlugins.Engine.Validation;

namespace RulePlugins.Engine.Compilation;

/// <summary>
/// The cost of compiling a segment, checked before Roslyn runs: its number of conditions and the size of its
/// generated source. Compile time and memory grow with both; a segment over either limit is refused at <c>rules</c>.
/// </summary>
internal static class CompileBudget
{
    /// <summary>Throws <see cref="SegmentValidationException"/> at <c>rules</c> when the segment costs more than the budget.</summary>
    public static void Check(CompilationSettings settings, BoundSegment segment, GeneratedSource source)
    {
        var conditions = segment.Conditions.Count();
        var characters = source.Text.Length;
        var overConditions = conditions > settings.MaxConditions;
        var overCharacters = characters > settings.MaxSourceCharacters;
        if (!overConditions && !overCharacters)
        {
            return;
        }

        var exceeded = (overConditions, overCharacters) switch
        {
            (true, true) => "both limits",
            (true, false) => "the condition limit",
            _ => "the source size limit",
        };
        var message =
            $"the segment has {N(conditions)} conditions and its generated source is {N(characters)} characters; a segment is compiled with at most " +
            $"{N(settings.MaxConditions)} conditions and {N(settings.MaxSourceCharacters)} characters of source, so it exceeds {exceeded}. " +
            "Split it into smaller segments, or raise the limits: RuleHost:Compilation:MaxConditions and " +
            "RuleHost:Compilation:MaxSourceCharacters in the service, EngineOptions.Compilation in process. Nothing was compiled or stored.";
        throw new SegmentValidationException(segment.Document.Id, [new ValidationError("rules", message)]);
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
