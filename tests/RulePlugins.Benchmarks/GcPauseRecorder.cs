using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace RulePlugins.Benchmarks;

/// <summary>
/// The GC pauses of one process, from the runtime's own GC events: a pause runs from the suspension of managed threads
/// (GCSuspendEEBegin) to their restart (GCRestartEEEnd), so it is what a request thread waits. Of another process
/// through an EventPipe session (as dotnet-trace would), of this process through an <see cref="EventListener"/>.
/// </summary>
/// <summary>One GC pause and the deepest generation collected in it (-1 when unknown).</summary>
internal readonly record struct GcPause(TimeSpan Duration, int Generation);

internal abstract class GcPauseRecorder : IDisposable
{
    private const long GcKeyword = 0x1;
    private readonly ConcurrentQueue<(DateTime End, TimeSpan Pause, int Generation)> _pauses = new();

    /// <summary>Records another process's pauses.</summary>
    public static GcPauseRecorder Of(int processId) => new EventPipeRecorder(processId);

    /// <summary>Records this process's pauses (the driver's and the service's together, when both run here).</summary>
    public static GcPauseRecorder OfThisProcess() => new ListenerRecorder();

    /// <summary>The pauses that ended between <paramref name="from"/> and <paramref name="to"/> (UTC).</summary>
    public List<GcPause> Between(DateTime from, DateTime to) => [.. _pauses.Where(p => p.End >= from && p.End <= to).Select(p => new GcPause(p.Pause, p.Generation))];

    public abstract void Dispose();

    /// <summary>Records a pause; <paramref name="generation"/> is the deepest generation collected in it (-1 when unknown).</summary>
    protected void Add(DateTime endUtc, TimeSpan pause, int generation) => _pauses.Enqueue((endUtc, pause, generation));

    private sealed class EventPipeRecorder : GcPauseRecorder
    {
        private readonly EventPipeSession _session;
        private readonly Thread _reader;

        public EventPipeRecorder(int processId)
        {
            var client = new DiagnosticsClient(processId);
            _session = client.StartEventPipeSession(
                [new EventPipeProvider(ClrTraceEventParser.ProviderName, EventLevel.Informational, GcKeyword)], requestRundown: false);
            _reader = new Thread(() =>
            {
                try
                {
                    using var source = new EventPipeEventSource(_session.EventStream);
                    DateTime? suspended = null;
                    var generation = -1;
                    source.Clr.GCSuspendEEStart += e =>
                    {
                        suspended = e.TimeStamp.ToUniversalTime();
                        generation = -1;
                    };
                    source.Clr.GCStart += e => generation = Math.Max(generation, e.Depth);
                    source.Clr.GCRestartEEStop += e =>
                    {
                        var end = e.TimeStamp.ToUniversalTime();
                        if (suspended is { } start)
                        {
                            Add(end, end - start, generation);
                        }

                        suspended = null;
                    };
                    source.Process();
                }
                catch (Exception ex) when (ex is IOException or ObjectDisposedException or EndOfStreamException or InvalidOperationException)
                {
                    // The session ended with the process.
                }
            }) { IsBackground = true, Name = "gc-events" };
            _reader.Start();
        }

        public override void Dispose()
        {
            try
            {
                _session.Stop();
            }
            catch (Exception ex) when (ex is IOException or ServerNotAvailableException or TimeoutException or UnsupportedCommandException)
            {
                // The process is gone.
            }

            _reader.Join(TimeSpan.FromSeconds(10));
            _session.Dispose();
        }
    }

    private sealed class ListenerRecorder : GcPauseRecorder
    {
        private readonly Listener _listener;

        public ListenerRecorder() => _listener = new Listener(this);

        public override void Dispose() => _listener.Dispose();

        private sealed class Listener(ListenerRecorder owner) : EventListener
        {
            private const int GcStart = 1;
            private const int SuspendBegin = 9;
            private const int RestartEnd = 3;
            private DateTime? _suspended;
            private int _generation = -1;

            protected override void OnEventSourceCreated(EventSource eventSource)
            {
                if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
                {
                    EnableEvents(eventSource, EventLevel.Informational, (EventKeywords)GcKeyword);
                }
            }

            protected override void OnEventWritten(EventWrittenEventArgs eventData)
            {
                // Before the constructor of the owner finished, events may already arrive.
                if (owner is null)
                {
                    return;
                }

                switch (eventData.EventId)
                {
                    case SuspendBegin:
                        _suspended = eventData.TimeStamp.ToUniversalTime();
                        _generation = -1;
                        break;
                    case GcStart when eventData.Payload is { Count: > 1 } payload && payload[1] is uint depth:
                        _generation = Math.Max(_generation, (int)depth);
                        break;
                    case RestartEnd when _suspended is { } start:
                        var end = eventData.TimeStamp.ToUniversalTime();
                        owner.Add(end, end - start, _generation);
                        _suspended = null;
                        break;
                }
            }
        }
    }
}
