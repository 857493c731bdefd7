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
    /// <summary>
    /// Refuses a segment with more conditions than the budget before its source is even generated (generating the
    /// source of a few hundred conditions costs as much as validating them); the size is then unknown.
    /// </summary>
    public static void CheckConditions(CompilationSettings settings, BoundSegment segment)
    {
        var conditions = segment.Conditions.Count();
        if (conditions > settings.MaxConditions)
        {
            Refuse(settings, segment.Document.Id, conditions, null);
        }
    }

    /// <summary>The condition limit on a parsed document, before it is bound: a save over it costs no more than its parse.</summary>
    public static void CheckConditions(CompilationSettings settings, Model.SegmentDocument document)
    {
        var conditions = Count(document.Rules);
        if (conditions > settings.MaxConditions)
        {
            Refuse(settings, document.Id, conditions, null);
        }
    }

    private static int Count(Model.RuleNode node) => node switch
    {
        Model.GroupNode group => group.Items.Sum(Count),
        _ => 1,
    };

    /// <summary>Throws <see cref="SegmentValidationException"/> at <c>rules</c> when the segment costs more than the budget.</summary>
    public static void Check(CompilationSettings settings, BoundSegment segment, GeneratedSource source)
    {
        var conditions = segment.Conditions.Count();
        var characters = source.Text.Length;
        if (conditions > settings.MaxConditions || characters > settings.MaxSourceCharacters)
        {
            Refuse(settings, segment.Document.Id, conditions, characters);
        }
    }

    private static void Refuse(CompilationSettings settings, string segmentId, int conditions, int? characters)
    {
        var overConditions = conditions > settings.MaxConditions;
        var overCharacters = characters > settings.MaxSourceCharacters;

        var exceeded = (overConditions, overCharacters) switch
        {
            (true, true) => "both limits",
            (true, false) => "the condition limit",
            _ => "the source size limit",
        };
        var message =
            $"the segment has {N(conditions)} conditions" +
            (characters is { } size ? $" and its generated source is {N(size)} characters" : " (its source was not generated: the conditions alone exceed the budget)") +
            "; a segment is compiled with at most " +
            $"{N(settings.MaxConditions)} conditions and {N(settings.MaxSourceCharacters)} characters of source, so it exceeds {exceeded}. " +
            "Split it into smaller segments, or raise the limits: RuleHost:Compilation:MaxConditions and " +
            "RuleHost:Compilation:MaxSourceCharacters in the service, EngineOptions.Compilation in process. Nothing was compiled or stored.";
        throw new SegmentValidationException(segmentId, [new ValidationError("rules", message)]);
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
