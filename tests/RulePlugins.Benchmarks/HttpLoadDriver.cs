using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace RulePlugins.Benchmarks;

/// <summary>One kind of request the driver sends over and over: method, absolute address, body, and the expected answer.</summary>
/// <param name="Name">How the request reads in the report, e.g. <c>POST .../evaluate</c>.</param>
/// <param name="Method">GET or POST.</param>
/// <param name="Uri">The absolute address, built once and shared by every request.</param>
/// <param name="Body">The pre-serialized JSON body, or null for none.</param>
/// <param name="ExpectedMatched">The <c>matched</c> the answer must carry, or null when the answer is not an evaluation.</param>
internal sealed record LoadTarget(string Name, HttpMethod Method, Uri Uri, byte[]? Body, bool? ExpectedMatched);

/// <summary>What one concurrency level measured: every request's latency, failures, and the process's CPU and allocations meanwhile.</summary>
internal sealed class LoadResult(
    LoadTarget target, int concurrency, TimeSpan elapsed, long[] sortedTicks, LoadErrors errors, TimeSpan cpu, long allocatedBytes, int gen0, int gen2)
{
    public LoadTarget Target { get; } = target;

    public int Concurrency { get; } = concurrency;

    /// <summary>From starting the workers to the last one finishing its last request.</summary>
    public TimeSpan Elapsed { get; } = elapsed;

    /// <summary>Requests answered 200 with the expected body in the measured span (the timed ones).</summary>
    public long Requests => sortedTicks.Length;

    public LoadErrors Errors { get; } = errors;

    /// <summary>Process CPU time (driver and server together) over the level.</summary>
    public TimeSpan Cpu { get; } = cpu;

    /// <summary>Bytes allocated by the whole process (driver and server together) over the level.</summary>
    public long AllocatedBytes { get; } = allocatedBytes;

    public int Gen0Collections { get; } = gen0;

    public int Gen2Collections { get; } = gen2;

    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public TimeSpan Max => sortedTicks.Length == 0 ? TimeSpan.Zero : Ticks(sortedTicks[^1]);

    public double CpuMicrosecondsPerRequest => Requests == 0 ? 0 : Cpu.TotalMicroseconds / Requests;

    public double BytesPerRequest => Requests == 0 ? 0 : AllocatedBytes / (double)Requests;

    /// <summary>The nearest-rank percentile: the smallest latency that at least <paramref name="percent"/>% of requests did not exceed.</summary>
    public TimeSpan Percentile(double percent)
    {
        if (sortedTicks.Length == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sortedTicks.Length);
        return Ticks(sortedTicks[Math.Clamp(rank, 1, sortedTicks.Length) - 1]);
    }

    /// <summary>Requests slower than <paramref name="limit"/>.</summary>
    public long SlowerThan(TimeSpan limit)
    {
        var ticks = (long)(limit.TotalSeconds * Stopwatch.Frequency);
        var index = Array.BinarySearch(sortedTicks, ticks + 1);
        return sortedTicks.Length - (index >= 0 ? index : ~index);
    }

    private static TimeSpan Ticks(long stopwatchTicks) => Stopwatch.GetElapsedTime(0, stopwatchTicks);
}

/// <summary>What went wrong over one level, warm-up included: transport failures, status codes other than 200, and answers that disagree.</summary>
internal sealed class LoadErrors
{
    public long Failures { get; set; }

    public long Mismatches { get; set; }

    public SortedDictionary<int, long> OtherStatuses { get; } = [];

    public string? FirstMessage { get; set; }

    public long Total => Failures + Mismatches + OtherStatuses.Values.Sum();

    public void Merge(LoadErrors other)
    {
        Failures += other.Failures;
        Mismatches += other.Mismatches;
        foreach (var (status, count) in other.OtherStatuses)
        {
            OtherStatuses[status] = OtherStatuses.GetValueOrDefault(status) + count;
        }

        FirstMessage ??= other.FirstMessage;
    }

    public override string ToString() =>
        Total == 0
            ? "none"
            : $"{Failures} failed, {Mismatches} wrong answers" +
              string.Concat(OtherStatuses.Select(s => $", {s.Value} × HTTP {s.Key}")) +
              (FirstMessage is null ? string.Empty : $" (first: {FirstMessage})");
}

/// <summary>
/// A small closed-loop HTTP load driver: one <see cref="HttpClient"/> over a <see cref="SocketsHttpHandler"/> with a
/// connection per worker, and C workers that each send the same request again and again until a deadline, each
/// waiting for its answer before sending the next. Every answer is checked (status 200, and the <c>matched</c> of
/// an evaluation read with a <see cref="Utf8JsonReader"/> from a per-worker buffer). Latencies are Stopwatch ticks
/// written into a per-worker array sized from the warm-up, so the timing path allocates only what the request does.
/// </summary>
internal sealed class HttpLoadDriver : IDisposable
{
    /// <summary>Bounds each worker's requests in one level, whatever the duration.</summary>
    public const int MaxRequestsPerWorker = 5_000_000;

    private const int ResponseBufferBytes = 64 * 1024;
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _client;

    public HttpLoadDriver(string apiKey, string apiKeyHeader, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        _client.DefaultRequestHeaders.Add(apiKeyHeader, apiKey);
    }

    /// <summary>
    /// Warms up for <paramref name="warmUp"/>, then measures for <paramref name="duration"/> with <paramref name="concurrency"/>
    /// workers; a zero <paramref name="duration"/> only warms up (the result then holds the warm-up's errors).
    /// </summary>
    public LoadResult Run(LoadTarget target, int concurrency, TimeSpan warmUp, TimeSpan duration)
    {
        // The warm-up opens the connections, tiers up the code on both sides, and gives the rate the arrays are sized from.
        var warm = Phase(target, concurrency, warmUp, capacity: 0);
        var perWorker = warm.Workers.Sum(w => w.Count) / warmUp.TotalSeconds / concurrency * duration.TotalSeconds;
        var capacity = (int)Math.Min(MaxRequestsPerWorker, (perWorker * 2) + 1024);

        Stats.Settle();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gen0Before = GC.CollectionCount(0);
        var gen2Before = GC.CollectionCount(2);
        var measured = Phase(target, concurrency, duration, capacity);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var gen0 = GC.CollectionCount(0) - gen0Before;
        var gen2 = GC.CollectionCount(2) - gen2Before;

        var ticks = new long[measured.Workers.Sum(w => w.Count)];
        var errors = new LoadErrors();
        foreach (var worker in warm.Workers)
        {
            errors.Merge(worker.Errors);
        }

        var at = 0;
        foreach (var worker in measured.Workers)
        {
            Array.Copy(worker.Latencies, 0, ticks, at, worker.Count);
            at += worker.Count;
            errors.Merge(worker.Errors);
        }

        Array.Sort(ticks);
        return new LoadResult(target, concurrency, measured.Elapsed, ticks, errors, cpu, allocated, gen0, gen2);
    }

    /// <summary>Sends one request and returns its status and body (for the checks before the load).</summary>
    public (HttpStatusCode Status, string Body) Send(LoadTarget target)
    {
        using var request = new HttpRequestMessage(target.Method, target.Uri);
        if (target.Body is not null)
        {
            request.Content = new ByteArrayContent(target.Body) { Headers = { ContentType = Json } };
        }

        using var response = _client.Send(request);
        using var reader = new StreamReader(response.Content.ReadAsStream());
        return (response.StatusCode, reader.ReadToEnd());
    }

    /// <summary>The <c>matched</c> property at the top of an evaluation answer, or null when there is none.</summary>
    public static bool? ReadMatched(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("matched"u8))
                {
                    reader.Read();
                    return reader.TokenType switch
                    {
                        JsonTokenType.True => true,
                        JsonTokenType.False => false,
                        _ => null,
                    };
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: no answer.
        }

        return null;
    }

    public void Dispose() => _client.Dispose();

    private (Worker[] Workers, TimeSpan Elapsed) Phase(LoadTarget target, int concurrency, TimeSpan duration, int capacity)
    {
        var workers = Enumerable.Range(0, concurrency).Select(_ => new Worker(capacity, target)).ToArray();
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var tasks = workers.Select(w => Task.Run(() => w.RunAsync(_client, deadline))).ToArray();
        Task.WaitAll(tasks);
        return (workers, Stopwatch.GetElapsedTime(start));
    }

    /// <summary>One closed-loop worker: its own body content, response buffer and latency array.</summary>
    private sealed class Worker
    {
        private readonly LoadTarget _target;
        private readonly bool _record;
        private readonly ByteArrayContent? _content;
        private readonly byte[] _buffer = new byte[ResponseBufferBytes];
        private long[] _latencies;

        public Worker(int capacity, LoadTarget target)
        {
            _target = target;
            _record = capacity > 0;
            _latencies = new long[Math.Max(capacity, 0)];

            // One content per worker, reused by its requests one after the other (an HttpClient does not dispose
            // the content it sends; the request messages are not disposed, since that would dispose the content).
            if (target.Body is not null)
            {
                _content = new ByteArrayContent(target.Body);
                _content.Headers.ContentType = Json;
            }
        }

        public long[] Latencies => _latencies;

        public int Count { get; private set; }

        public LoadErrors Errors { get; } = new();

        public async Task RunAsync(HttpClient client, long deadline)
        {
            var sent = 0;
            while (Stopwatch.GetTimestamp() < deadline && sent++ < MaxRequestsPerWorker)
            {
                var start = Stopwatch.GetTimestamp();
                int status;
                int length;
                try
                {
                    var request = new HttpRequestMessage(_target.Method, _target.Uri) { Content = _content };
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
                    status = (int)response.StatusCode;
                    length = await ReadAsync(response).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
                {
                    Errors.Failures++;
                    Errors.FirstMessage ??= $"{ex.GetType().Name}: {ex.Message}";
                    continue;
                }

                var end = Stopwatch.GetTimestamp();
                if (status != (int)HttpStatusCode.OK)
                {
                    Errors.OtherStatuses[status] = Errors.OtherStatuses.GetValueOrDefault(status) + 1;
                    Errors.FirstMessage ??= $"HTTP {status}: {System.Text.Encoding.UTF8.GetString(_buffer, 0, Math.Max(0, Math.Min(length, 300)))}";
                    continue;
                }

                if (length < 0 || (_target.ExpectedMatched is { } expected && ReadMatched(_buffer.AsSpan(0, length)) != expected))
                {
                    Errors.Mismatches++;
                    Errors.FirstMessage ??= length < 0
                        ? $"answer larger than {ResponseBufferBytes} bytes"
                        : $"unexpected answer: {System.Text.Encoding.UTF8.GetString(_buffer, 0, Math.Min(length, 300))}";
                    continue;
                }

                if (_record)
                {
                    if (Count == _latencies.Length)
                    {
                        // Rare (the array is sized at twice the warm-up rate), and outside the timed span.
                        Array.Resize(ref _latencies, (int)Math.Min(MaxRequestsPerWorker, (long)_latencies.Length * 2));
                    }

                    _latencies[Count] = end - start;
                }

                Count++;
            }
        }

        /// <summary>Reads the whole body into the worker's buffer; -1 when it does not fit.</summary>
        private async Task<int> ReadAsync(HttpResponseMessage response)
        {
            await using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var length = 0;
            while (true)
            {
                if (length == _buffer.Length)
                {
                    // Drain what is left so the connection can be reused, and report the answer as too large.
                    while (await stream.ReadAsync(_buffer).ConfigureAwait(false) > 0)
                    {
                    }

                    return -1;
                }

                var read = await stream.ReadAsync(_buffer.AsMemory(length)).ConfigureAwait(false);
                if (read == 0)
                {
                    return length;
                }

                length += read;
            }
        }
    }
}
