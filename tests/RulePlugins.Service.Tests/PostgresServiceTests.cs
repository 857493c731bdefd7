using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using RulePlugins.Testing;
using static RulePlugins.Testing.ServiceInstance;

namespace RulePlugins.Service.Tests;

/// <summary>The service unchanged over PostgreSQL: a throw-away server, the same endpoints, the same answers.</summary>
public sealed class PostgresServiceTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private TemporaryPostgresServer _server = null!;
    private ServiceInstance _service = null!;

    public async ValueTask InitializeAsync()
    {
        _server = new TemporaryPostgresServer();
        var connectionString = _server.CreateDatabase("service");
        _service = await ServiceInstance.StartAsync(new ServiceSettings { Provider = "postgresql", ConnectionString = connectionString });
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        _server.Dispose();
    }

    [Fact]
    public async Task SaveRecalculatePageEvaluateDelete_OnPostgres_GiveTheSameAnswersAsSql()
    {
        Assert.Contains("postgresql", (await JsonAsync(await _service.Anonymous.GetAsync("/health/ready", _ct))).GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal(HttpStatusCode.Created, (await _service.Client.PutAsync("/segments/pg-moscow", Json(SegmentDocuments.City("pg-moscow")), _ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _service.Client.PutAsync("/segments/pg-linked", Json(SegmentDocuments.LinkedTo("pg-linked", "pg-moscow")), _ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _service.Client.PutAsync("/segments/pg-cart", Json(SegmentDocuments.WebsiteCart("pg-cart")), _ct)).StatusCode);

        var queued = await JsonAsync(await _service.Client.PostAsync("/segments/recalculate", null, _ct));
        foreach (var run in queued.GetProperty("runs").EnumerateArray())
        {
            Assert.Equal("succeeded", (await _service.WaitForRunAsync(run.GetProperty("runId").GetInt64())).GetProperty("status").GetString());
        }

        List<long> expected;
        using (var connection = _service.OpenDatabase())
        {
            expected = [.. await connection.QueryAsync<long>("SELECT profile_id FROM profile_fields WHERE LOWER(city) = 'moscow' ORDER BY profile_id")];
        }

        Assert.NotEmpty(expected);
        var members = new List<long>();
        long? after = null;
        do
        {
            var page = await _service.Client.GetFromJsonAsync<JsonElement>($"/segments/pg-moscow/members?limit=11{(after is null ? "" : $"&after={after}")}", _ct);
            members.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetInt64()));
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetInt64();
        }
        while (after is not null);

        Assert.Equal(expected, members);
        var log = await _service.Client.GetFromJsonAsync<JsonElement>("/segments/pg-moscow/membership-log?limit=10000", _ct);
        Assert.Equal(expected.Count, log.GetProperty("items").GetArrayLength());

        var answer = await JsonAsync(await _service.Client.PostAsync("/order-segments/pg-cart/evaluate", Json(SegmentDocuments.CartOrder), _ct));
        Assert.True(answer.GetProperty("matched").GetBoolean());

        Assert.Equal(HttpStatusCode.Conflict, (await _service.Client.DeleteAsync("/segments/pg-moscow", _ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _service.Client.DeleteAsync("/segments/pg-linked", _ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _service.Client.DeleteAsync("/segments/pg-moscow", _ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _service.Client.GetAsync("/segments/pg-moscow/members", _ct)).StatusCode);
    }
}
