using System.Data.Common;
using Dapper;
using RulePlugins.Engine.CodeGen;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Engine.Data;

/// <summary>Loads one table's rows for a batch of profiles with one query, into a reusable row set.</summary>
internal abstract class TableReader
{
    public abstract RowSet Rows { get; }

    public abstract void Load(DbConnection connection, long[] ids, int count, EvaluationClock clock, CancellationToken cancellationToken);

    public static TableReader Create(TablePlan plan, ISqlDialect dialect, EvaluationClock clock, int batchSize)
    {
        var type = typeof(TableReader<>).MakeGenericType(plan.Table.RowType);
        return (TableReader)Activator.CreateInstance(type, plan, dialect, clock, batchSize)!;
    }
}

/// <summary>Reads rows of <typeparamref name="TRow"/> with Dapper's row parser: no buffering, one object per row.</summary>
internal sealed class TableReader<TRow> : TableReader where TRow : class, new()
{
    private readonly RowSet<TRow> _rows;
    private readonly ISqlDialect _dialect;
    private readonly string _sql;
    private readonly string _sqlOfIds;
    private readonly long? _from;
    private readonly long? _to;
    private readonly bool _hasColumns;

    public TableReader(TablePlan plan, ISqlDialect dialect, EvaluationClock clock, int batchSize)
    {
        (_from, _to) = plan.Resolve(clock);
        _dialect = dialect;
        _sql = dialect.SelectRows(plan, _from is not null, _to is not null);
        _sqlOfIds = dialect.SelectRows(plan, _from is not null, _to is not null, byIds: true);
        _rows = new RowSet<TRow>(batchSize);
        _hasColumns = !plan.Columns.IsEmpty;
    }

    public override RowSet Rows => _rows;

    public override void Load(DbConnection connection, long[] ids, int count, EvaluationClock clock, CancellationToken cancellationToken)
    {
        _rows.Reset(count);
        if (count == 0)
        {
            _rows.Complete();
            return;
        }

        var parameters = new DynamicParameters();
        parameters.Add("lo", ids[0]);
        parameters.Add("hi", ids[count - 1]);

        // Ids a prefilter selected are spread over a range holding many other profiles: their rows are asked for by id.
        var sparse = count < (ids[count - 1] - ids[0] + 1) / 2;
        if (sparse)
        {
            parameters.Add("ids", _dialect.IdList(ids, count));
        }
        if (_from is { } from)
        {
            parameters.Add("from", from);
        }

        if (_to is { } to)
        {
            parameters.Add("to", to);
        }

        using var reader = (DbDataReader)connection.ExecuteReader(new CommandDefinition(sparse ? _sqlOfIds : _sql, parameters, cancellationToken: cancellationToken));
        var parser = _hasColumns ? reader.GetRowParser<TRow>(typeof(TRow), startIndex: 1) : null;
        var subject = 0;
        while (reader.Read())
        {
            var key = reader.GetInt64(0);
            while (subject < count && ids[subject] < key)
            {
                subject++;
            }

            if (subject == count)
            {
                break;
            }

            if (ids[subject] == key)
            {
                _rows.Add(subject, parser is null ? new TRow() : parser(reader));
            }
        }

        _rows.Complete();
    }
}
