using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using RulePlugins.Engine;
using RulePlugins.Engine.Compilation;
using RulePlugins.Engine.Validation;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Service.Http;

/// <summary>
/// Turns the engine's exceptions into RFC 7807 problem details with the status a caller can act on, and every
/// other exception into a plain 500 with the trace id only: no message, type or stack trace leaves the service.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            return true;
        }

        var problem = ToProblem(exception);
        if (problem.Status >= StatusCodes.Status500InternalServerError)
        {
            LogUnexpected(logger, exception, context.Request.Method, context.Request.Path);
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = null });
    }

    /// <summary>The detail of every 500: exception messages go to the log, never to the client.</summary>
    public const string UnexpectedDetail = "The error was logged; quote the trace id when reporting it.";

    /// <summary>
    /// The problem details for an exception. A 5xx never carries the exception's message (it may hold internals such as
    /// a parser's wording or a plugin's state); the message is logged with the trace id instead.
    /// </summary>
    public static ProblemDetails ToProblem(Exception exception)
    {
        var problem = Map(exception);
        if (problem.Status >= StatusCodes.Status500InternalServerError)
        {
            problem.Detail = UnexpectedDetail;
            problem.Extensions.Clear();
        }

        return problem;
    }

    private static ProblemDetails Map(Exception exception) => exception switch
    {
        SegmentValidationException e => WithErrors(
            Problem(StatusCodes.Status400BadRequest, "The segment document is invalid", $"{e.Errors.Count} error{(e.Errors.Count == 1 ? "" : "s")}; nothing was stored."),
            e.Errors.Select(x => new ProblemError(x.Path, x.Message))),
        SegmentCompilationException e => WithErrors(
            Problem(StatusCodes.Status422UnprocessableEntity, "The generated predicate did not compile", $"Segment '{e.SegmentId}' is valid but its generated source failed to compile; nothing was stored. This is a plugin defect."),
            e.Errors.Select(x => new ProblemError(x.Path, $"{x.Id} at generated line {x.Line}: {x.Message}"))),
        SubjectFormatException e => WithErrors(
            Problem(StatusCodes.Status400BadRequest, "The document cannot be read", e.Message),
            [new ProblemError(e.Path, e.Problem)]),
        SegmentNotFoundException e => Problem(StatusCodes.Status404NotFound, "No such segment", e.Message),
        SegmentInUseException e => WithReferrers(Problem(StatusCodes.Status409Conflict, "The segment is in use", e.Message), e.Referrers),
        SegmentEvaluationException => Problem(StatusCodes.Status500InternalServerError, "The segment failed on this document", UnexpectedDetail),
        SegmentUnavailableException e => Problem(StatusCodes.Status409Conflict, "The segment is unavailable", e.Message),
        RequestRefusedException e => Problem(e.Status, e.Title, e.Message),
        Endpoints.ImportRequestRefusedException e => WithImport(Problem(StatusCodes.Status400BadRequest, "The import was refused; nothing was applied", e.Message), e.Refused),
        RequestTooLargeException e => Problem(StatusCodes.Status413PayloadTooLarge, "The request body is too large", e.Message),
        BadHttpRequestException e => Problem(e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large" : "The request is malformed", e.Message),
        _ => Problem(StatusCodes.Status500InternalServerError, "An unexpected error occurred", UnexpectedDetail),
    };

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    private static ProblemDetails WithErrors(ProblemDetails problem, IEnumerable<ProblemError> errors)
    {
        problem.Extensions["errors"] = errors.ToArray();
        return problem;
    }

    private static ProblemDetails WithImport(ProblemDetails problem, Engine.Store.ImportRefusedException refused)
    {
        problem.Extensions["problem"] = refused.Problem;
        problem.Extensions["count"] = refused.Count;
        problem.Extensions["where"] = refused.Where;
        problem.Extensions["applied"] = refused.Applied;
        return problem;
    }

    private static ProblemDetails WithReferrers(ProblemDetails problem, IReadOnlyList<string> referrers)
    {
        if (referrers.Count > 0)
        {
            problem.Extensions["referrers"] = referrers;
        }

        return problem;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error on {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);
}

/// <summary>One problem in a request, at a JSON path.</summary>
/// <param name="Path">Where, e.g. <c>rules.items[0].params.days</c> or <c>$.items[2].quantity</c>.</param>
/// <param name="Message">What is wrong.</param>
public sealed record ProblemError(string Path, string Message);

/// <summary>A request the service refuses with a given status (400, 404, 409), the message saying why.</summary>
public sealed class RequestRefusedException(int status, string title, string message) : Exception(message)
{
    /// <summary>The HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>The problem title.</summary>
    public string Title { get; } = title;
}
