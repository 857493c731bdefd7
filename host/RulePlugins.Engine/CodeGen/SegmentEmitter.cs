using System.Collections.Immutable;
using System.Reflection;
using RulePlugins.Engine.Model;
using RulePlugins.Engine.Plugins;
using RulePlugins.Engine.Validation;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Engine.CodeGen;

/// <summary>
/// Turns a validated segment into the C# source of one predicate class: a header that explains the whole tree,
/// one method per group and per condition (each preceded by its tree path and a description in words), and the
/// lookup fields conditions asked for. Plugin types are named through <c>using</c> aliases, date literals carry
/// their calendar date in a comment, and long expressions are broken over lines. The output depends only on the
/// tree and the engine build: the same tree gives the same bytes.
/// </summary>
internal sealed class SegmentEmitter(PluginCatalog catalog)
{
    /// <summary>The namespace of every generated predicate.</summary>
    public const string GeneratedNamespace = "RulePlugins.Generated";

    /// <summary>The tool name written in the generated class's <c>[GeneratedCode]</c> attribute.</summary>
    public const string GeneratorName = "RulePlugins";

    /// <summary>
    /// The version written in the generated class's <c>[GeneratedCode]</c> attribute: the engine assembly's
    /// informational version (the same for every source a build generates).
    /// </summary>
    public static string GeneratorVersion { get; } =
        typeof(SegmentEmitter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(SegmentEmitter).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    private const string Parameters = "(in Subject subject, in EvaluationClock clock)";

    /// <summary>Generates the source of <paramref name="segment"/>.</summary>
    public GeneratedSource Emit(BoundSegment segment)
    {
        var plan = DataPlan.Create(segment, catalog);
        var plugins = segment.Plugins.Concat(plan.Tables.Select(t => t.Owner)).Concat(plan.Lookups.Select(l => l.Owner)).Distinct().OrderBy(p => p.Name, StringComparer.Ordinal).ToImmutableArray();
        var className = ClassName(segment.Document.Id);
        var usedNames = new HashSet<string>(StringComparer.Ordinal) { className, "Slots", "Lookups", "Evaluate", "ConditionCount", "EvaluateCondition", "ConditionValue" };
        foreach (var path in NodePaths(segment.Root))
        {
            usedNames.Add(MethodName(path));
            usedNames.Add(ValueMethodName(path));
        }

        foreach (var table in plan.Tables)
        {
            usedNames.Add(table.RowAlias);
        }

        foreach (var lookup in plan.Lookups)
        {
            usedNames.Add(lookup.ModelAlias);
        }

        var aliases = new TypeAliases(usedNames);
        foreach (var table in plan.Tables)
        {
            aliases.Known(table.Table.RowType, table.RowAlias);
        }

        foreach (var lookup in plan.Lookups)
        {
            aliases.Known(lookup.Lookup.ModelType, lookup.ModelAlias);
        }

        var fields = new List<EmittedField>();
        var expressions = new Dictionary<string, string>(StringComparer.Ordinal);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var allowed = plugins.Select(p => p.Assembly).ToHashSet();
        foreach (var condition in segment.Conditions)
        {
            var context = new HostEmitContext(plan, condition.Path, usedNames, aliases, fields, allowed);
            try
            {
                expressions[condition.Path] = condition.Type.Emit(condition.Arguments, context).Text;
                if (condition.Type.EmitValue(condition.Arguments, new HostEmitContext(plan, condition.Path, usedNames, aliases, fields, allowed)) is { } value)
                {
                    values[condition.Path] = value.Text;
                }
            }
            catch (Exception ex)
            {
                throw new SegmentValidationException(segment.Document.Id, [new(condition.Path,
                    $"condition type {condition.Type.Id} (plugin {condition.Registration.Plugin}) could not emit code: {ex.Message}")]);
            }
        }

        var writer = new SourceWriter();
        var spans = ImmutableArray.CreateBuilder<SourceSpan>();
        WriteHeader(writer, segment, plan);
        writer.WriteLine($"namespace {GeneratedNamespace};");
        writer.WriteLine();
        WriteUsings(writer, plan, aliases);
        writer.WriteLine($"[global::System.CodeDom.Compiler.GeneratedCode({LiteralFormatter.String(GeneratorName)}, {LiteralFormatter.String(GeneratorVersion)})]");
        using (writer.OpenBlock($"public sealed class {className} : CompiledPredicate"))
        {
            WriteSlots(writer, plan);
            WriteFields(writer, fields, spans);
            writer.WriteLine($"public override bool Evaluate{Parameters} =>");
            using (writer.Indent())
            {
                writer.WriteLine("Rules(subject, clock);");
            }

            WriteConditionSwitch(writer, segment);
            WriteValueSwitch(writer, segment, values);
            EmitGroup(writer, segment.Root, expressions, spans);
            WriteValueMethods(writer, segment, values, spans);
        }

        return new GeneratedSource(segment.Document.Id, writer.ToString(), $"{GeneratedNamespace}.{className}", plan, plugins, spans.ToImmutable())
        {
            ValuePaths = [.. values.Keys],
        };
    }

    private static void WriteHeader(SourceWriter writer, BoundSegment segment, DataPlan plan)
    {
        var document = segment.Document;
        writer.WriteLine("// <auto-generated/>");
        writer.WriteComment($"Generated by RulePlugins from segment \"{document.Id}\". Edit the segment document, not this file.");
        writer.WriteLine("#nullable enable");
        writer.WriteLine();
        writer.WriteComment($"Segment \"{document.Id}\": {document.Name}");
        if (!string.IsNullOrWhiteSpace(document.Description))
        {
            writer.WriteComment(document.Description);
        }

        writer.WriteComment($"Subject: {document.Subject}");
        writer.WriteComment(string.Empty);
        writer.WriteComment($"{Capitalize(IndefiniteArticle(document.Subject))} {document.Subject} is a member when {Quantifier(segment.Root)} of the following hold:");
        DescribeItems(writer, segment.Root, 1);
        writer.WriteComment(string.Empty);
        if (plan.Tables.IsEmpty)
        {
            writer.WriteComment("Data read: none.");
        }
        else
        {
            writer.WriteComment(document.Subject == Sdk.SubjectKinds.Profile ? "Data read for each batch:" : $"Data read from each {document.Subject} document:");
            foreach (var table in plan.Tables)
            {
                writer.WriteComment("  " + table.Describe());
            }
        }

        if (!plan.Lookups.IsEmpty)
        {
            // Profile segments are recalculated in runs; a document subject's lookups are cached for real-time evaluation.
            writer.WriteComment(document.Subject == Sdk.SubjectKinds.Profile
                ? "Lookups, read whole once per recalculation run:"
                : "Lookups, read whole on first use and cached until the reference data is refreshed:");
            foreach (var lookup in plan.Lookups)
            {
                writer.WriteComment($"  {lookup.Lookup.Name} (slot {lookup.Slot}): {lookup.Lookup.Table.Name}");
            }
        }

        writer.WriteLine();
    }

    private static void DescribeItems(SourceWriter writer, BoundGroup group, int depth)
    {
        var indent = new string(' ', depth * 2);
        foreach (var item in group.Items)
        {
            switch (item)
            {
                case BoundCondition condition:
                    writer.WriteComment($"{indent}{condition.Path}: {condition.Description}");
                    break;
                case BoundGroup nested:
                    writer.WriteComment($"{indent}{nested.Path}: {Quantifier(nested)} of the following hold:");
                    DescribeItems(writer, nested, depth + 1);
                    break;
            }
        }
    }

    // Inside the namespace, the aliases come before every namespace and type outside it in name lookup (see TypeAliases).
    private static void WriteUsings(SourceWriter writer, DataPlan plan, TypeAliases aliases)
    {
        writer.WriteLine($"using {typeof(CompiledPredicate).Namespace};");
        foreach (var table in plan.Tables)
        {
            writer.WriteLine($"using {table.RowAlias} = global::{table.Table.RowType.FullName!.Replace('+', '.')};");
        }

        foreach (var lookup in plan.Lookups)
        {
            writer.WriteLine($"using {lookup.ModelAlias} = global::{lookup.Lookup.ModelType.FullName!.Replace('+', '.')};");
        }

        foreach (var (alias, type) in aliases.Declared)
        {
            writer.WriteLine($"using {alias} = {TypeAliases.Target(type)};");
        }

        writer.WriteLine();
    }

    private static void WriteSlots(SourceWriter writer, DataPlan plan)
    {
        if (plan.Tables.IsEmpty)
        {
            return;
        }

        writer.WriteLine("// The index of each table's rows in the batch the host loads.");
        using (writer.OpenBlock("private static class Slots"))
        {
            foreach (var table in plan.Tables)
            {
                writer.WriteLine($"public const int {table.SlotName} = {table.Slot};");
            }
        }

        writer.WriteLine();
        if (plan.Lookups.IsEmpty)
        {
            return;
        }

        writer.WriteLine("// The index of each lookup in the batch the host loads.");
        using (writer.OpenBlock("private static class Lookups"))
        {
            foreach (var lookup in plan.Lookups)
            {
                writer.WriteLine($"public const int {lookup.SlotName} = {lookup.Slot};");
            }
        }

        writer.WriteLine();
    }

    private static void WriteConditionSwitch(SourceWriter writer, BoundSegment segment)
    {
        var conditions = segment.Conditions.ToList();
        writer.WriteLine();
        writer.WriteLine("// Each condition alone, numbered in document order, to explain an answer.");
        writer.WriteLine($"public override int ConditionCount => {conditions.Count};");
        writer.WriteLine();
        writer.WriteLine($"public override bool EvaluateCondition(int index, in Subject subject, in EvaluationClock clock) => index switch");
        using (writer.OpenBlock(string.Empty, "};"))
        {
            for (var i = 0; i < conditions.Count; i++)
            {
                writer.WriteLine($"{i} => {MethodName(conditions[i].Path)}(subject, clock),");
            }

            writer.WriteLine("_ => throw new global::System.ArgumentOutOfRangeException(nameof(index)),");
        }
    }

    // Only for trees with a condition that shows a value: the others keep the base class's null.
    private static void WriteValueSwitch(SourceWriter writer, BoundSegment segment, Dictionary<string, string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var conditions = segment.Conditions.ToList();
        writer.WriteLine();
        writer.WriteLine("// The value each condition compares, to explain an answer; null where a condition shows none.");
        writer.WriteLine($"public override object? ConditionValue(int index, in Subject subject, in EvaluationClock clock) => index switch");
        using (writer.OpenBlock(string.Empty, "};"))
        {
            for (var i = 0; i < conditions.Count; i++)
            {
                if (values.ContainsKey(conditions[i].Path))
                {
                    writer.WriteLine($"{i} => {ValueMethodName(conditions[i].Path)}(subject, clock),");
                }
            }

            writer.WriteLine("_ => null,");
        }
    }

    private static void WriteValueMethods(SourceWriter writer, BoundSegment segment, Dictionary<string, string> values, ImmutableArray<SourceSpan>.Builder spans)
    {
        foreach (var condition in segment.Conditions.Where(c => values.ContainsKey(c.Path)))
        {
            var start = writer.Line;
            writer.WriteLine();
            writer.WriteComment($"{condition.Path}: the value compared, for explanations");
            writer.WriteLine($"private static object? {ValueMethodName(condition.Path)}{Parameters} =>");
            using (writer.Indent())
            {
                WriteExpression(writer, values[condition.Path]);
            }

            writer.AppendToLastLine(";");
            spans.Add(new SourceSpan(start, writer.Line - 1, condition.Path));
        }
    }

    private static string ValueMethodName(string path) => MethodName(path) + "_Value";

    private static void WriteFields(SourceWriter writer, List<EmittedField> fields, ImmutableArray<SourceSpan>.Builder spans)
    {
        foreach (var field in fields)
        {
            var start = writer.Line;
            writer.WriteComment($"Built once, for {field.Path}.");
            var declaration = $"private static readonly {field.Type} {field.Name} =";
            var lines = field.Initializer.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            if (lines.Count == 1 && writer.Column + declaration.Length + 1 + lines[0].Length + 1 > CodeLayout.Width)
            {
                // Too long for one line: the initializer goes on the next lines, broken like a condition's expression.
                writer.WriteLine(declaration);
                using (writer.Indent())
                {
                    WriteExpression(writer, lines[0]);
                }
            }
            else
            {
                writer.WriteLine($"{declaration} {lines[0]}");
                for (var i = 1; i < lines.Count; i++)
                {
                    writer.WriteLine(lines[i]);
                }
            }

            writer.AppendToLastLine(";");

            spans.Add(new SourceSpan(start, writer.Line - 1, field.Path));
            writer.WriteLine();
        }
    }

    private static void EmitNode(SourceWriter writer, BoundNode node, Dictionary<string, string> expressions, ImmutableArray<SourceSpan>.Builder spans)
    {
        switch (node)
        {
            case BoundGroup group:
                EmitGroup(writer, group, expressions, spans);
                break;
            case BoundCondition condition:
                EmitCondition(writer, condition, expressions[condition.Path], spans);
                break;
        }
    }

    private static void EmitGroup(SourceWriter writer, BoundGroup group, Dictionary<string, string> expressions, ImmutableArray<SourceSpan>.Builder spans)
    {
        var start = writer.Line;
        writer.WriteLine();
        var count = group.Items.Length;
        writer.WriteComment($"{group.Path}: {Quantifier(group)} of {count} item{(count == 1 ? "" : "s")}");
        writer.WriteLine($"private static bool {MethodName(group.Path)}{Parameters} =>");
        using (writer.Indent())
        {
            var joiner = group.Operator == LogicalOperator.And ? "&& " : "|| ";
            for (var i = 0; i < count; i++)
            {
                var call = $"{MethodName(group.Items[i].Path)}(subject, clock)";
                writer.WriteLine((i == 0 ? string.Empty : joiner) + call + (i == count - 1 ? ";" : string.Empty));
            }
        }

        spans.Add(new SourceSpan(start, writer.Line - 1, group.Path));
        foreach (var item in group.Items)
        {
            EmitNode(writer, item, expressions, spans);
        }
    }

    private static void EmitCondition(SourceWriter writer, BoundCondition condition, string expression, ImmutableArray<SourceSpan>.Builder spans)
    {
        writer.WriteLine();
        var start = writer.Line;
        writer.WriteComment($"{condition.Path}: {condition.Description}");
        writer.WriteComment($"{condition.Type.Id} from {condition.Registration.Plugin.Name}");
        writer.WriteLine($"private static bool {MethodName(condition.Path)}{Parameters} =>");
        using (writer.Indent())
        {
            WriteExpression(writer, expression);
        }

        spans.Add(new SourceSpan(start, writer.Line - 1, condition.Path));
        // The expression's last line gets the terminating semicolon.
        writer.AppendToLastLine(";");
    }

    private static void WriteExpression(SourceWriter writer, string expression)
    {
        foreach (var line in CodeLayout.Lines(expression, writer.Column))
        {
            writer.WriteLine(line);
        }
    }

    /// <summary>
    /// "a" or "an" for a noun, by how it is spoken: "an order", "a profile", "a user", "an hour". Vowel letters take
    /// "an" except where they sound like a consonant (<c>uni-</c>, <c>use</c>, <c>eu-</c>, <c>one</c>); a silent h
    /// (<c>hour</c>, <c>honest</c>, <c>heir</c>) takes "an".
    /// </summary>
    internal static string IndefiniteArticle(string noun)
    {
        var word = noun.TrimStart().ToLowerInvariant();
        string[] consonantSounds = ["uni", "use", "usu", "uti", "ura", "ure", "uri", "eu", "ewe", "one", "once"];
        string[] silentH = ["hour", "honest", "honor", "honour", "heir"];
        if (consonantSounds.Any(p => word.StartsWith(p, StringComparison.Ordinal)))
        {
            return "a";
        }

        if (silentH.Any(p => word.StartsWith(p, StringComparison.Ordinal)))
        {
            return "an";
        }

        return word.Length > 0 && "aeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static IEnumerable<string> NodePaths(BoundNode node) =>
        node is BoundGroup group ? group.Items.SelectMany(NodePaths).Prepend(group.Path) : [node.Path];

    private static string Quantifier(BoundGroup group) => group.Operator == LogicalOperator.And ? "ALL" : "ANY";

    /// <summary><c>rules.items[1].items[0]</c> becomes <c>Rules_1_0</c>.</summary>
    internal static string MethodName(string path) =>
        "Rules" + string.Concat(path.Split('[').Skip(1).Select(part => "_" + part[..part.IndexOf(']', StringComparison.Ordinal)]));

    /// <summary><c>moscow-adults</c> becomes <c>MoscowAdultsSegment</c>.</summary>
    internal static string ClassName(string segmentId)
    {
        var pascal = Naming.ToPascalCase(segmentId);
        return (pascal.Length > 0 && char.IsAsciiLetter(pascal[0]) ? pascal : "Segment" + pascal) + "Segment";
    }
}
