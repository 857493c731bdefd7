using System.Collections.Immutable;
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
    public SubjectEvaluation Evaluate(CompiledSegment segment, JsonElement document, EvaluationClock clock, BoundSegment? explainWith)
    {
        if (!catalog.TryGetSubject(segment.Subject, out var definition, out _))
        {
            throw new InvalidOperationException($"Segment '{segment.SegmentId}' selects {segment.Subject}s, which are not read from documents.");
        }

        var reader = new Reader(segment, definition, referenceData);
        if (document.ValueKind != JsonValueKind.Object)
        {
            throw new SubjectFormatException("$", $"must be a JSON object describing one {segment.Subject}, got {document.ValueKind}");
        }

        definition.Read(document, reader);
        var batch = reader.Complete();
        var subject = new Subject(batch, 0);
        var matched = segment.Predicate.Evaluate(subject, clock);
        var explanation = explainWith is null ? null : Explain(segment.Predicate, explainWith, subject, clock);
        return new SubjectEvaluation(segment.SegmentId, segment.Version, matched, explanation);
    }

    private static NodeOutcome Explain(CompiledPredicate predicate, BoundSegment segment, in Subject subject, in EvaluationClock clock)
    {
        // Conditions are numbered in document order, as the generated EvaluateCondition expects.
        var held = new Dictionary<string, bool>(StringComparer.Ordinal);
        var index = 0;
        foreach (var condition in segment.Conditions)
        {
            held[condition.Path] = predicate.EvaluateCondition(index++, subject, clock);
        }

        return Outcome(segment.Root, held);
    }

    private static NodeOutcome Outcome(BoundNode node, Dictionary<string, bool> held)
    {
        if (node is BoundCondition condition)
        {
            return new NodeOutcome(condition.Path, condition.Description, held[condition.Path], []);
        }

        var group = (BoundGroup)node;
        var items = group.Items.Select(i => Outcome(i, held)).ToImmutableArray();
        var and = group.Operator == LogicalOperator.And;
        var result = and ? items.All(i => i.Held) : items.Any(i => i.Held);
        return new NodeOutcome(group.Path, $"{(and ? "ALL" : "ANY")} of {items.Length} must hold", result, items);
    }

    /// <summary>Creates empty row sets of a row type without reflection on every call.</summary>
    private static class RowSetFactory
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Func<RowSet>> Factories = new();

        public static RowSet Create(Type rowType) => Factories.GetOrAdd(rowType, Build)();

        private static Func<RowSet> Build(Type rowType) =>
            typeof(RowSetFactory).GetMethod(nameof(New), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(rowType).CreateDelegate<Func<RowSet>>();

        private static RowSet New<TRow>() where TRow : class => new RowSet<TRow>(4);
    }

    /// <summary>Collects the rows of one document into row sets in the segment's slot order.</summary>
    private sealed class Reader : SubjectReader
    {
        private readonly CompiledSegment _segment;
        private readonly SubjectDefinition _definition;
        private readonly ReferenceDataCache _referenceData;
        private readonly RowSet[] _rows;

        public Reader(CompiledSegment segment, SubjectDefinition definition, ReferenceDataCache referenceData)
        {
            _segment = segment;
            _definition = definition;
            _referenceData = referenceData;
            _rows = new RowSet[segment.Plan.Tables.Length];
            foreach (var table in segment.Plan.Tables)
            {
                var rows = RowSetFactory.Create(table.Table.RowType);
                rows.Reset(1);
                _rows[table.Slot] = rows;
            }
        }

        public override void Add<TRow>(TableDefinition table, TRow row)
        {
            if (!_definition.Tables.Any(t => t.Name == table.Name))
            {
                throw new InvalidOperationException($"The {_definition.Kind} reader added a row to '{table.Name}', which is not one of its tables.");
            }

            // Tables the tree does not read are not kept.
            if (_segment.Plan.Find(table) is { } plan)
            {
                ((RowSet<TRow>)_rows[plan.Slot]).Add(0, row);
            }
        }

        public override TModel Lookup<TModel>(LookupDefinition lookup)
        {
            if (!_definition.Lookups.Contains(lookup))
            {
                throw new InvalidOperationException($"The {_definition.Kind} reader read lookup '{lookup.Name}' without listing it in its Lookups.");
            }

            return (TModel)_referenceData.Get(lookup);
        }

        public SubjectBatch Complete()
        {
            foreach (var rows in _rows)
            {
                rows.Complete();
            }

            return new SubjectBatch([0], 1, _rows, [.. _segment.Plan.Lookups.Select(l => _referenceData.Get(l.Lookup))]);
        }
    }
}
