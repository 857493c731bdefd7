using System.Net.Sockets;
using Dapper;
using Microsoft.Data.SqlClient;
using RulePlugins.Engine.Data;
using Testcontainers.MsSql;

namespace RulePlugins.Data.Tests;

/// <summary>
/// SQL Server in a container started by Testcontainers.MsSql, one database per test. Where no Docker engine answers
/// (an installed <c>docker</c> client is not enough), every test is skipped with that reason; SQL Server is never faked.
/// </summary>
public sealed class SqlServerContainer : DatabaseBackend, IAsyncLifetime
{
    private const string Image = "mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04";
    private MsSqlContainer? _container;
    private string? _unavailable;

    /// <inheritdoc />
    public override string? Unavailable => _unavailable;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        _unavailable = await DockerEngine.WhyUnavailableAsync();
        if (_unavailable is not null)
        {
            return;
        }

        _container = new MsSqlBuilder(Image).Build();
        await _container.StartAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    /// <inheritdoc />
    protected override (Database Database, Action Drop) CreateDatabase()
    {
        var admin = _container!.GetConnectionString();
        var name = $"test_{Guid.NewGuid():N}";
        Admin(admin, $"CREATE DATABASE {name}");
        // Readers get the last committed membership instead of waiting for the replace's locks.
        Admin(admin, $"ALTER DATABASE {name} SET READ_COMMITTED_SNAPSHOT ON");
        var connectionString = new SqlConnectionStringBuilder(admin) { InitialCatalog = name }.ConnectionString;
        return (Database.Create("sqlserver", connectionString), () =>
        {
            SqlConnection.ClearAllPools();
            Admin(admin, $"ALTER DATABASE {name} SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE {name};");
        });
    }

    private static void Admin(string connectionString, string sql)
    {
        using var connection = new SqlConnection(connectionString);
        connection.Open();
        connection.Execute(sql);
    }
}

/// <summary>Whether a Docker engine answers, asked the way Testcontainers would reach it (DOCKER_HOST or the default socket).</summary>
internal static class DockerEngine
{
    public static async Task<string?> WhyUnavailableAsync()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrEmpty(host) && !host.StartsWith("unix://", StringComparison.Ordinal))
        {
            // A TCP or SSH endpoint: leave it to Testcontainers, which reports its own error if the engine is down.
            return null;
        }

        var socket = string.IsNullOrEmpty(host) ? "/var/run/docker.sock" : host["unix://".Length..];
        if (!File.Exists(socket))
        {
            return $"SQL Server tests need a Docker engine for Testcontainers.MsSql; none runs on this machine ({socket} does not exist).";
        }

        try
        {
            using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.ConnectAsync(new UnixDomainSocketEndPoint(socket), timeout.Token);
            await client.SendAsync("GET /_ping HTTP/1.0\r\n\r\n"u8.ToArray(), SocketFlags.None, timeout.Token);
            var buffer = new byte[256];
            var read = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            var answer = System.Text.Encoding.ASCII.GetString(buffer, 0, read);
            return answer.Contains(" 200 ", StringComparison.Ordinal)
                ? null
                : $"SQL Server tests need a Docker engine for Testcontainers.MsSql; {socket} answered the ping with '{answer.Split('\n')[0].Trim()}'.";
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return $"SQL Server tests need a Docker engine for Testcontainers.MsSql; none answers on {socket} ({ex.Message}).";
        }
    }
}
