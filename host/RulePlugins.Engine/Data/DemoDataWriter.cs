using System.Data.Common;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Engine.Data;

/// <summary>
/// The host's side of demo data generation. Every writer a generator opens shares one connection and one
/// transaction (SQLite allows one writer at a time, and a generator may fill orders and their items together),
/// committed every <see cref="CommitEvery"/> rows and when the context is disposed.
/// </summary>
internal sealed class HostDemoDataContext : DemoDataContext, IDisposable
{
    private const int CommitEvery = 100_000;
    private readonly Database _database;
    private readonly Action<string, double>? _progress;
    private readonly List<DbCommand> _commands = [];
    private DbConnection? _connection;
    private DbTransaction? _transaction;
    private int _pending;

    public HostDemoDataContext(Database database, long profileCount, int seed, long now, Action<string, double>? progress)
    {
        _database = database;
        _progress = progress;
        ProfileCount = profileCount;
        Seed = seed;
        NowUnixMilliseconds = now;
    }

    public override long ProfileCount { get; }

    public override int Seed { get; }

    public override long NowUnixMilliseconds { get; }

    public override IRowWriter OpenWriter(TableDefinition table, IReadOnlyList<string> columns) => OpenWriter(table.Name, columns);

    public IRowWriter OpenWriter(string table, IReadOnlyList<string> columns)
    {
        _connection ??= _database.Open();
        _transaction ??= _connection.BeginTransaction();
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = _database.Dialect.Insert(table, columns);
        var parameters = new DbParameter[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = "@p" + i;
            command.Parameters.Add(parameters[i]);
        }

        command.Prepare();
        _commands.Add(command);
        return new PreparedRowWriter(this, command, parameters);
    }

    public override void ReportProgress(string step, double fraction) => _progress?.Invoke(step, fraction);

    public void Dispose()
    {
        _transaction?.Commit();
        _transaction?.Dispose();
        foreach (var command in _commands)
        {
            command.Dispose();
        }

        _connection?.Dispose();
    }

    private void RowWritten()
    {
        if (++_pending < CommitEvery)
        {
            return;
        }

        _transaction!.Commit();
        _transaction.Dispose();
        _transaction = _connection!.BeginTransaction();
        foreach (var command in _commands)
        {
            command.Transaction = _transaction;
        }

        _pending = 0;
    }

    /// <summary>Inserts rows with one prepared statement inside the context's transaction.</summary>
    private sealed class PreparedRowWriter(HostDemoDataContext context, DbCommand command, DbParameter[] parameters) : IRowWriter
    {
        public void Add(params ReadOnlySpan<object?> values)
        {
            if (values.Length != parameters.Length)
            {
                throw new ArgumentException($"Expected {parameters.Length} values, got {values.Length}.", nameof(values));
            }

            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
            context.RowWritten();
        }

        // Rows are committed by the context.
        public void Dispose()
        {
        }
    }
}
