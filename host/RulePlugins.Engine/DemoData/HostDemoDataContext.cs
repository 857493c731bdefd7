using System.Data.Common;
using RulePlugins.Sdk.Data;

using RulePlugins.Engine.Data;

namespace RulePlugins.Engine.DemoData;

/// <summary>
/// The host's side of demo data generation: every writer a generator opens is the dialect's bulk writer
/// (<see cref="ISqlDialect.OpenBulkWriter"/>), committed every <see cref="CommitEvery"/> rows and when the context is
/// disposed. On a single-writer database (SQLite) the writers share one connection and transaction (a generator may
/// fill orders and their items together); elsewhere each writer has its own, since a PostgreSQL connection runs one
/// COPY at a time.
/// </summary>
internal sealed class HostDemoDataContext : DemoDataContext, IDisposable
{
    private const int CommitEvery = 100_000;
    private readonly Database _database;
    private readonly Action<string, double>? _progress;
    private readonly List<Session> _sessions = [];

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

    public override IRowWriter OpenWriter(TableDefinition table, IReadOnlyList<string> columns) => Open(table.Name, BulkColumn.Of(table, columns));

    /// <summary>A writer for a host table whose columns are all integers (<c>profiles</c>).</summary>
    public IRowWriter OpenWriter(string table, IReadOnlyList<string> columns) => Open(table, [.. columns.Select(c => new BulkColumn(c, ColumnType.Integer))]);

    public override void ReportProgress(string step, double fraction) => _progress?.Invoke(step, fraction);

    public void Dispose()
    {
        foreach (var session in _sessions)
        {
            session.Commit(reopen: false);
            session.Dispose();
        }
    }

    private ContextRowWriter Open(string table, IReadOnlyList<BulkColumn> columns)
    {
        if (!_database.Dialect.SingleWriter || _sessions.Count == 0)
        {
            _sessions.Add(new Session(_database));
        }

        return _sessions[^1].Add(table, columns);
    }

    /// <summary>A connection, its transaction and the writers on it, committed together.</summary>
    private sealed class Session(Database database) : IDisposable
    {
        private readonly DbConnection _connection = database.Open();
        private readonly List<ContextRowWriter> _writers = [];
        private DbTransaction? _transaction;
        private int _pending;

        public ContextRowWriter Add(string table, IReadOnlyList<BulkColumn> columns)
        {
            _transaction ??= _connection.BeginTransaction();
            var writer = new ContextRowWriter(this, table, columns);
            writer.Reopen(database.Dialect, _connection, _transaction);
            _writers.Add(writer);
            return writer;
        }

        public void RowWritten()
        {
            if (++_pending >= CommitEvery)
            {
                Commit(reopen: true);
            }
        }

        public void Commit(bool reopen)
        {
            if (_transaction is null)
            {
                return;
            }

            foreach (var writer in _writers)
            {
                writer.Complete();
            }

            _transaction.Commit();
            _transaction.Dispose();
            _transaction = null;
            _pending = 0;
            if (reopen)
            {
                _transaction = _connection.BeginTransaction();
                foreach (var writer in _writers)
                {
                    writer.Reopen(database.Dialect, _connection, _transaction);
                }
            }
        }

        public void Dispose()
        {
            foreach (var writer in _writers)
            {
                writer.Close();
            }

            _transaction?.Dispose();
            _connection.Dispose();
        }
    }

    /// <summary>What a generator writes to: rows go to the session's current bulk writer; the session commits them.</summary>
    private sealed class ContextRowWriter(Session session, string table, IReadOnlyList<BulkColumn> columns) : IRowWriter
    {
        private BulkWriter? _writer;

        public void Add(params ReadOnlySpan<object?> values)
        {
            _writer!.Add(values);
            session.RowWritten();
        }

        public void Reopen(ISqlDialect dialect, DbConnection connection, DbTransaction transaction)
        {
            Close();
            _writer = dialect.OpenBulkWriter(connection, transaction, table, columns);
        }

        public void Complete() => _writer?.Complete();

        public void Close()
        {
            _writer?.Dispose();
            _writer = null;
        }

        // Rows are committed by the context.
        public void Dispose()
        {
        }
    }
}
