using System.Collections.Immutable;
using RulePlugins.Engine.Plugins;
using RulePlugins.Engine.Validation;
using RulePlugins.Sdk;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Engine.CodeGen;

/// <summary>
/// What the host loads for one table in each batch: the union of the columns the tree's conditions read and
/// the smallest time window that covers all of them (none when one condition needs every row).
/// </summary>
/// <param name="Slot">The index of the table's row set in a <see cref="SubjectBatch"/>.</param>
/// <param name="Table">The table.</param>
/// <param name="Owner">The plugin that owns the table.</param>
/// <param name="Columns">The columns to select, ordered by name.</param>
/// <param name="Windows">The windows of the conditions that read the table; empty when the table is read whole.</param>
public sealed record TablePlan(int Slot, TableDefinition Table, LoadedPlugin Owner, ImmutableArray<string> Columns, ImmutableArray<TimeWindow> Windows)
{
    /// <summary>The name generated code uses for the slot, e.g. <c>MarketOrders</c>.</summary>
    public string SlotName => Naming.ToPascalCase(Table.Name);

    /// <summary>The alias generated code uses for the row type, e.g. <c>MarketOrdersRow</c>.</summary>
    public string RowAlias => SlotName + "Row";

    /// <summary>The time column of the windows, or null when the table is read whole.</summary>
    public string? WindowColumn => Windows.IsEmpty ? null : Windows[0].Column;

    /// <summary>The inclusive bounds on <see cref="WindowColumn"/> for one run's clock; null ends are open.</summary>
    public (long? From, long? To) Resolve(EvaluationClock clock)
    {
        if (Windows.IsEmpty)
        {
            return (null, null);
        }

        long? from = Windows.Any(w => w.From is null) ? null : Windows.Min(w => w.From!.Value.Resolve(clock));
        long? to = Windows.Any(w => w.To is null) ? null : Windows.Max(w => w.To!.Value.Resolve(clock));
        return (from, to);
    }

    /// <summary>Describes the plan in words for the generated source's header.</summary>
    public string Describe()
    {
        var columns = Columns.IsEmpty ? "no columns (row presence only)" : string.Join(", ", Columns);
        var rows = Windows.IsEmpty ? "every row" : $"rows whose {WindowColumn} is {string.Join(" or ", Windows.Select(DescribeWindow).Distinct())}";
        return $"{Table.Name} (slot {Slot}): {columns}; {rows}";
    }

    private static string DescribeWindow(TimeWindow window) => (window.From, window.To) switch
    {
        ({ } f, { } t) => $"from {DescribeBound(f)} to {DescribeBound(t)}",
        ({ } f, null) => $"from {DescribeBound(f)}",
        (null, { } t) => $"up to {DescribeBound(t)}",
        _ => "any time",
    };

    private static string DescribeBound(TimeBound bound)
    {
        if (!bound.IsRelative)
        {
            return LiteralFormatter.CalendarDate(bound.Value);
        }

        if (bound.Value == 0)
        {
            return "now";
        }

        var days = Math.Abs(bound.Value) / (double)EvaluationClock.MillisecondsPerDay;
        var amount = days == Math.Floor(days) ? $"{days:0} days" : $"{Math.Abs(bound.Value)} ms";
        return bound.Value < 0 ? $"{amount} before now" : $"{amount} after now";
    }
}

/// <summary>A lookup a compiled segment reads: loaded whole once per run and shared by every subject.</summary>
/// <param name="Slot">The index of the model in a <see cref="SubjectBatch"/>'s lookups.</param>
/// <param name="Lookup">The lookup.</param>
/// <param name="Owner">The plugin that declares it.</param>
public sealed record LookupPlan(int Slot, LookupDefinition Lookup, LoadedPlugin Owner)
{
    /// <summary>The name generated code uses for the slot, e.g. <c>MarketCurrencyRates</c>.</summary>
    public string SlotName => Naming.ToPascalCase(Lookup.Name);

    /// <summary>The alias generated code uses for the model type, e.g. <c>MarketCurrencyRatesLookup</c>.</summary>
    public string ModelAlias => SlotName + "Lookup";
}

/// <summary>
/// The tables a compiled segment reads, one slot each, ordered by table name, and the lookups it reads,
/// ordered by name.
/// </summary>
public sealed record DataPlan(ImmutableArray<TablePlan> Tables, ImmutableArray<LookupPlan> Lookups)
{
    /// <summary>Merges the data requirements of every condition of <paramref name="segment"/>.</summary>
    internal static DataPlan Create(BoundSegment segment, PluginCatalog catalog)
    {
        var byTable = new SortedDictionary<string, (TableDefinition Table, SortedSet<string> Columns, List<TimeWindow?> Windows, LoadedPlugin Owner)>(StringComparer.Ordinal);
        var lookups = new SortedDictionary<string, (LookupDefinition Lookup, LoadedPlugin Owner)>(StringComparer.Ordinal);
        var errors = new List<ValidationError>();
        var subjectKind = segment.Document.Subject;
        SubjectDefinition? subject = null;
        if (subjectKind != SubjectKinds.Profile && !catalog.TryGetSubject(subjectKind, out subject, out _))
        {
            throw new SegmentValidationException(segment.Document.Id, [new("subject", $"no loaded plugin reads '{subjectKind}' subjects")]);
        }

        foreach (var condition in segment.Conditions)
        {
            foreach (var lookup in condition.Type.GetLookups(condition.Arguments))
            {
                if (!catalog.TryGetLookup(lookup.Name, out var registered, out var owner) || !ReferenceEquals(registered, lookup))
                {
                    errors.Add(new(condition.Path, $"condition type {condition.Type.Id} reads lookup '{lookup.Name}', which no loaded plugin declares"));
                    continue;
                }

                lookups.TryAdd(lookup.Name, (lookup, owner));
            }

            foreach (var requirement in condition.Type.GetDataRequirements(condition.Arguments))
            {
                var table = requirement.Table;
                // The host's tables plugins read (segment membership) belong to no plugin: the reading plugin stands in as
                // the owner (the row type is the SDK's).
                if (!catalog.TryGetTableOwner(table.Name, out var owner) && !SegmentMembership.IsHostTable(table))
                {
                    errors.Add(new(condition.Path, $"condition type {condition.Type.Id} reads table '{table.Name}', which no loaded plugin declares"));
                    continue;
                }

                if (table.IsReference)
                {
                    errors.Add(new(condition.Path, $"condition type {condition.Type.Id} reads reference table '{table.Name}' as rows of the subject; reference tables are read through a lookup"));
                    continue;
                }

                if (subject is not null && !subject.Tables.Any(t => t.Name == table.Name))
                {
                    errors.Add(new(condition.Path, $"condition type {condition.Type.Id} reads table '{table.Name}', which a {subjectKind} document does not fill (it fills {string.Join(", ", subject.Tables.Select(t => t.Name))})"));
                    continue;
                }

                foreach (var column in requirement.Columns.Append(requirement.Window?.Column).OfType<string>())
                {
                    if (!table.Columns.Any(c => c.Name == column))
                    {
                        errors.Add(new(condition.Path, $"condition type {condition.Type.Id} reads column '{column}', which table '{table.Name}' does not have"));
                    }
                }

                if (!byTable.TryGetValue(table.Name, out var entry))
                {
                    entry = (table, new SortedSet<string>(StringComparer.Ordinal), [], owner ?? condition.Registration.Plugin);
                    byTable.Add(table.Name, entry);
                }

                entry.Columns.UnionWith(requirement.Columns);
                if (requirement.Window is { } window)
                {
                    entry.Columns.Add(window.Column);
                }

                entry.Windows.Add(requirement.Window);
            }
        }

        if (errors.Count > 0)
        {
            throw new SegmentValidationException(segment.Document.Id, errors);
        }

        var slot = 0;
        var plans = byTable.Values.Select(entry =>
        {
            // A window is pushed into SQL only when every condition on the table bounds the same column.
            var bounded = entry.Windows.All(w => w is not null) && entry.Windows.Select(w => w!.Column).Distinct().Count() == 1;
            var windows = bounded ? entry.Windows.Select(w => w!).Distinct().ToImmutableArray() : [];
            return new TablePlan(slot++, entry.Table, entry.Owner, [.. entry.Columns], windows);
        });
        var lookupSlot = 0;
        return new DataPlan([.. plans], [.. lookups.Values.Select(l => new LookupPlan(lookupSlot++, l.Lookup, l.Owner))]);
    }

    /// <summary>Finds the plan of a table, or null when the tree does not read it.</summary>
    public TablePlan? Find(TableDefinition table) => Tables.FirstOrDefault(t => t.Table.Name == table.Name);

    /// <summary>Finds the plan of a lookup, or null when the tree does not read it.</summary>
    public LookupPlan? Find(LookupDefinition lookup) => Lookups.FirstOrDefault(l => l.Lookup.Name == lookup.Name);
}
