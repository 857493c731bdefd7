using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RulePlugins.Engine;

namespace RulePlugins.Service;

/// <summary>
/// Pre-warms Roslyn when the service starts: compiles a tiny predicate on the engine's compile queue in the background
/// (start-up does not wait for it), so the first save does not pay the compiler's cold start.
/// <c>RuleHost:Compilation:PreWarm=false</c> turns it off.
/// </summary>
public sealed partial class CompilerWarmUp(RuleEngine engine, IOptions<ServiceOptions> options, ILogger<CompilerWarmUp> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Compilation.PreWarm)
        {
            _ = engine.PreWarmAsync().ContinueWith(
                task =>
                {
                    if (task.IsCompletedSuccessfully)
                    {
                        LogWarm(logger, task.Result.TotalMilliseconds);
                    }
                    else if (task.Exception is { } exception)
                    {
                        LogFailed(logger, exception.GetBaseException());
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Compiler pre-warmed in {Milliseconds:0} ms")]
    private static partial void LogWarm(ILogger logger, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Compiler pre-warm failed; the first save pays the cold start")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
