using System.Diagnostics;
using System.Globalization;

namespace RulePlugins.Benchmarks;

/// <summary>What one wrk run reported (its own latencies, from its Lua <c>done</c> hook).</summary>
internal sealed record WrkResult(int Connections, long Requests, TimeSpan Duration, long SocketErrors, long StatusErrors, TimeSpan P50, TimeSpan P90, TimeSpan P99, TimeSpan Max)
{
    public double RequestsPerSecond => Requests / Duration.TotalSeconds;
}

/// <summary>
/// Runs <c>wrk</c> (when it is installed; the benchmark never installs it) against the same endpoint as the driver,
/// with a Lua script that posts the same body with the same headers. wrk does not read the answers: only its
/// count of non-2xx statuses says whether they were right.
/// </summary>
internal static class WrkRunner
{
    private const string Marker = "WRK-RESULT";

    /// <summary>The path of wrk as <c>command -v wrk</c> finds it, or null.</summary>
    public static string? Find()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "command -v wrk"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Runs wrk for <paramref name="duration"/>; returns null (and says why) when it fails.</summary>
    public static WrkResult? Run(string wrk, string folder, LoadTarget target, IReadOnlyDictionary<string, string> headers, int connections, TimeSpan duration)
    {
        var body = Path.Combine(folder, "wrk-body.json");
        File.WriteAllBytes(body, target.Body ?? []);
        var script = Path.Combine(folder, "wrk-post.lua");
        File.WriteAllText(script, Script(target.Method.Method, body, headers));

        var seconds = Math.Max(1, (int)Math.Round(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var threads = Math.Min(2, connections).ToString(CultureInfo.InvariantCulture);
        var info = new ProcessStartInfo(wrk, ["-t", threads, "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", seconds + "s", "-s", script, target.Uri.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(duration + TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            Console.Error.WriteLine($"warning: wrk did not finish within {Stats.Time(duration + TimeSpan.FromSeconds(30))}; stopped it.");
            return null;
        }

        var line = output.Result.Split('\n').FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            Console.Error.WriteLine($"warning: wrk exited with {process.ExitCode}: {Stats.OneLine(error.Result + " " + output.Result)}");
            return null;
        }

        var f = line[Marker.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return new WrkResult(
            connections, (long)f[0], TimeSpan.FromMicroseconds(f[1]), (long)(f[2] + f[3] + f[4] + f[6]), (long)f[5],
            TimeSpan.FromMicroseconds(f[7]), TimeSpan.FromMicroseconds(f[8]), TimeSpan.FromMicroseconds(f[9]), TimeSpan.FromMicroseconds(f[10]));
    }

    private static string Script(string method, string bodyPath, IReadOnlyDictionary<string, string> headers)
    {
        var lines = new List<string>
        {
            $"local file = assert(io.open([==[{bodyPath}]==], \"rb\"))",
            "wrk.body = file:read(\"*a\")",
            "file:close()",
            $"wrk.method = \"{method}\"",
            "wrk.headers[\"Content-Type\"] = \"application/json\"",
        };
        lines.AddRange(headers.Select(h => $"wrk.headers[\"{h.Key}\"] = [==[{h.Value}]==]"));
        lines.Add(
            """
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("WRK-RESULT %d %d %d %d %d %d %d %.1f %.1f %.1f %.1f\n",
                summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
                latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
            end
            """);
        return string.Join('\n', lines) + "\n";
    }
}
