using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using RulePlugins.Engine.Compilation;
using RulePlugins.Engine.Model;
using RulePlugins.Engine.Plugins;
using RulePlugins.Engine.Validation;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Engine.Evaluation;

/// <summary>
/// Evaluates segments whose subject arrives as a JSON document (an order): the owning plugin reads the document
/// into rows, the host puts them in a batch of one with the cached lookups, and the compiled predicate runs.
/// </summary>
internal sealed class DocumentEvaluator(PluginCatalog catalog, ReferenceDataCache referenceData)
{
    // What the reader needs of each compiled segment, worked out once per loaded version, not per document.
    private readonly ConditionalWeakTable<CompiledSegment, Layout> _layouts = new();

    public SubjectEvaluation Evaluate(CompiledSegment segment, JsonElement document, EvaluationClock clock, BoundSegment? explainWith)
    {
        var layout = _layouts.GetValue(segment, CreateLayout);
        if (document.ValueKind != JsonValueKind.Object)
        {
            throw new SubjectFormatException("$", $"must be a JSON object describing one {segment.Subject}, got {document.ValueKind}");
        }

        // Refused here for every subject plugin: such text throws when a reader asks for it as a string.
        if (JsonText.MayHoldInvalidText(document) && JsonText.FindInvalid(document, "$") is { } invalid)
        {
            throw new SubjectFormatException(invalid.Path, invalid.Problem);
        }

        var reader = new Reader(layout, referenceData);
        layout.Definition.Read(document, reader);
        var subject = new Subject(reader.Complete(), 0);
        var matched = segment.Predicate.Evaluate(subject, clock);
        var explanation = explainWith is null ? null : Explain(segment.Predicate, explainWith, subject, clock);
        return new SubjectEvaluation(segment.SegmentId, segment.Version, matched, explanation);
    }

    private Layout CreateLayout(CompiledSegment segment)
    {
        if (!catalog.TryGetSubject(segment.Subject, out var definition, out _))
        {
            throw new InvalidOperationException($"Segment '{segment.SegmentId}' selects {segment.Subject}s, which are not read from documents.");
        }

        // Every table the document fills has an entry; those the tree does not read map to -1 and are not kept.
        var slots = definition.Tables.ToDictionary(t => t.Name, t => segment.Plan.Find(t)?.Slot ?? -1, StringComparer.Ordinal);
        var factories = segment.Plan.Tables.OrderBy(t => t.Slot).Select(t => RowSetFactory.For(t.Table.RowType)).ToArray();
        return new Layout(definition, slots, factories, [.. segment.Plan.Lookups.Select(l => l.Lookup)], [.. definition.Lookups]);
    }

    private static NodeOutcome Explain(CompiledPredicate predicate, BoundSegment segment, in Subject subject, in EvaluationClock clock)
    {
        var tree = new ConditionTree(segment);
        var holds = new bool[tree.Nodes.Count];
        tree.Evaluate(predicate, subject, clock, holds);
        return Outcome(tree, holds, 0);
    }

    private static NodeOutcome Outcome(ConditionTree tree, bool[] holds, int node) => tree.Nodes[node] switch
    {
        BoundGroup group => new NodeOutcome(
            group.Path, $"{(group.Operator == LogicalOperator.And ? "ALL" : "ANY")} of {group.Items.Length} must hold", holds[node],
            [.. tree.Children(node).Select(c => Outcome(tree, holds, c))]),
        var condition => new NodeOutcome(condition.Path, ((BoundCondition)condition).Description, holds[node], []),
    };

    /// <summary>The tables, row-set factories and lookups of one compiled segment's documents.</summary>
    private sealed record Layout(
        SubjectDefinition Definition, Dictionary<string, int> Slots, Func<RowSet>[] Factories, LookupDefinition[] PlanLookups, HashSet<LookupDefinition> ReaderLookups);

    /// <summary>Creates empty row sets of a row type without reflection on every call.</summary>
    private static class RowSetFactory
    {
        public static Func<RowSet> For(Type rowType) =>
            typeof(RowSetFactory).GetMethod(nameof(New), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(rowType).CreateDelegate<Func<RowSet>>();

        private static RowSet New<TRow>() where TRow : class => new RowSet<TRow>(4);
    }

    /// <summary>Collects the rows of one document into row sets in the segment's slot order.</summary>
    private sealed class Reader : SubjectReader
    {
        private readonly Layout _layout;
        private readonly ReferenceDataCache _referenceData;
        private readonly RowSet[] _rows;

        public Reader(Layout layout, ReferenceDataCache referenceData)
        {
            _layout = layout;
            _referenceData = referenceData;
            _rows = new RowSet[layout.Factories.Length];
            for (var slot = 0; slot < _rows.Length; slot++)
            {
                _rows[slot] = layout.Factories[slot]();
                _rows[slot].Reset(1);
            }
        }

        public override void Add<TRow>(TableDefinition table, TRow row)
        {
            if (!_layout.Slots.TryGetValue(table.Name, out var slot))
            {
                throw new InvalidOperationException($"The {_layout.Definition.Kind} reader added a row to '{table.Name}', which is not one of its tables.");
            }

            if (slot >= 0)
            {
                ((RowSet<TRow>)_rows[slot]).Add(0, row);
            }
        }

        public override TModel Lookup<TModel>(LookupDefinition lookup) =>
            _layout.ReaderLookups.Contains(lookup)
                ? (TModel)_referenceData.Get(lookup)
                : throw new InvalidOperationException($"The {_layout.Definition.Kind} reader read lookup '{lookup.Name}' without listing it in its Lookups.");

        public SubjectBatch Complete()
        {
            foreach (var rows in _rows)
            {
                rows.Complete();
            }

            // Models are fetched per document so a refresh of the reference data takes effect at once.
            var lookups = new object[_layout.PlanLookups.Length];
            for (var i = 0; i < lookups.Length; i++)
            {
                lookups[i] = _referenceData.Get(_layout.PlanLookups[i]);
            }

            return new SubjectBatch(SingleId, 1, _rows, lookups);
        }

        private static readonly long[] SingleId = [0];
    }
}
