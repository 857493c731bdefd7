using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dapper;
using Npgsql;

namespace RulePlugins.Testing;

/// <summary>
/// A throw-away PostgreSQL server: <c>initdb</c> into a new temporary folder, <c>pg_ctl start</c> on a free loopback
/// port (socket in the same folder, fsync off), stopped and deleted on disposal. The binaries come from
/// <c>pg_config --bindir</c> or Debian's <c>/usr/lib/postgresql/VERSION/bin</c>; as root the server runs as the
/// <c>postgres</c> user, since PostgreSQL refuses to run as root. Missing binaries throw with what to install.
/// Shared by the data tests and the benchmarks (linked into the latter).
/// </summary>
public sealed class TemporaryPostgresServer : IDisposable
{
    private const string User = "postgres";
    private readonly string _bin;
    private readonly string _data;
    private readonly string? _runAs;

    /// <summary>Initializes and starts the server.</summary>
    public TemporaryPostgresServer()
    {
        _bin = FindBinaries();
        _runAs = Environment.UserName == "root" ? User : null;
        _data = Path.Combine(Path.GetTempPath(), $"ruleplugins-pg-{Guid.NewGuid():N}");
        Port = FreePort();
        Run("initdb", "-D", _data, "-U", User, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync");
        try
        {
            Run("pg_ctl", "-D", _data, "-l", Path.Combine(_data, "server.log"), "-w", "-t", "60", "-o",
                $"-k {_data} -c listen_addresses=127.0.0.1 -p {Port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                "start");
        }
        catch
        {
            Directory.Delete(_data, recursive: true);
            throw;
        }
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The folder of the server's data and log.</summary>
    public string DataDirectory => _data;

    /// <summary>A connection string for <paramref name="database"/> as the superuser (trust authentication, no password).</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Database = database }.ConnectionString;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public string CreateDatabase(string name)
    {
        Admin($"CREATE DATABASE {name}");
        return ConnectionString(name);
    }

    /// <summary>Drops a database, closing the connections still open on it.</summary>
    public void DropDatabase(string name)
    {
        using (var connection = new NpgsqlConnection(ConnectionString(name)))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        Admin($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            Run("pg_ctl", "-D", _data, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString());
        connection.Open();
        connection.Execute(sql);
    }

    private static string FindBinaries()
    {
        var candidates = new List<string>();
        try
        {
            var start = new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            if (process.ExitCode == 0)
            {
                candidates.Add(output);
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // pg_config is not installed; look in Debian's versioned folders.
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var version) ? version : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found via 'pg_config --bindir' or in /usr/lib/postgresql/*/bin. " +
                "Install Debian's 'postgresql' package (.ci/run does this where it is missing).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        if (_runAs is null)
        {
            start.FileName = Path.Combine(_bin, program);
        }
        else
        {
            start.FileName = "runuser";
            foreach (var argument in new[] { "-u", _runAs, "--", Path.Combine(_bin, program) })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} failed with exit code {process.ExitCode}{(_runAs is null ? "" : $" (run as '{_runAs}' because PostgreSQL refuses root)")}: {stderr}{stdout.Result}");
        }
    }
}
