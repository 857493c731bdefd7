using System.Data.Common;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Engine.Data;

/// <summary>The host's side of demo data generation: writers that insert rows with a prepared statement.</summary>
internal sealed class HostDemoDataContext(Database database, long profileCount, int seed, long now, Action<string, double>? progress)
    : DemoDataContext
{
    public override long ProfileCount => profileCount;

    public override int Seed => seed;

    public override long NowUnixMilliseconds => now;

    public override IRowWriter OpenWriter(TableDefinition table, IReadOnlyList<string> columns) =>
        new PreparedRowWriter(database, table.Name, columns);

    public override void ReportProgress(string step, double fraction) => progress?.Invoke(step, fraction);
}

/// <summary>Inserts rows with one prepared statement, committing every <see cref="CommitEvery"/> rows.</summary>
internal sealed class PreparedRowWriter : IRowWriter
{
    private const int CommitEvery = 100_000;
    private readonly DbConnection _connection;
    private readonly DbCommand _command;
    private readonly DbParameter[] _parameters;
    private DbTransaction _transaction;
    private int _pending;

    public PreparedRowWriter(Database database, string table, IReadOnlyList<string> columns)
    {
        _connection = database.Open();
        _transaction = _connection.BeginTransaction();
        _command = _connection.CreateCommand();
        _command.Transaction = _transaction;
        _command.CommandText = database.Dialect.Insert(table, columns);
        _parameters = new DbParameter[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            _parameters[i] = _command.CreateParameter();
            _parameters[i].ParameterName = "@p" + i;
            _command.Parameters.Add(_parameters[i]);
        }

        _command.Prepare();
    }

    public void Add(params ReadOnlySpan<object?> values)
    {
        if (values.Length != _parameters.Length)
        {
            throw new ArgumentException($"Expected {_parameters.Length} values, got {values.Length}.", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            _parameters[i].Value = values[i] ?? DBNull.Value;
        }

        _command.ExecuteNonQuery();
        if (++_pending == CommitEvery)
        {
            _transaction.Commit();
            _transaction.Dispose();
            _transaction = _connection.BeginTransaction();
            _command.Transaction = _transaction;
            _pending = 0;
        }
    }

    public void Dispose()
    {
        _transaction.Commit();
        _transaction.Dispose();
        _command.Dispose();
        _connection.Dispose();
    }
}
