using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace RulePlugins.Service.Security;

/// <summary>
/// Requires the configured key in the <c>X-Api-Key</c> header on every write (<c>POST</c>, <c>PUT</c>, <c>PATCH</c>,
/// <c>DELETE</c>: saves, recalculations and order evaluation alike) and on reads unless they are opened by
/// configuration. Health endpoints stay open for probes, and the web console's static files (<see cref="Console.ConsoleEndpoints"/>) for browsers. Keys are compared in constant time.
/// </summary>
public sealed class ApiKeyMiddleware
{
    /// <summary>The header that carries the key.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>The longest key accepted in the header; a longer header value is refused without hashing.</summary>
    private const int MaxKeyLength = 256;

    private readonly RequestDelegate _next;
    private readonly byte[] _expectedHash;
    private readonly bool _openReads;

    /// <summary>Creates the middleware; the key must be configured.</summary>
    public ApiKeyMiddleware(RequestDelegate next, IOptions<ServiceOptions> options)
    {
        _next = next;
        // ServiceHost refuses to build without a key; this guards a pipeline assembled some other way.
        var key = options.Value.ApiKey;
        if (string.IsNullOrEmpty(key))
        {
            throw new ServiceConfigurationException($"No API key is configured; set {ServiceOptions.Section}:ApiKey.");
        }

        _expectedHash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        _openReads = options.Value.OpenReads;
    }

    /// <summary>Lets the request through or answers 401.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        if (IsOpen(context.Request) || HasValidKey(context.Request))
        {
            return _next(context);
        }

        context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{HeaderName}\"";
        return Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "An API key is required",
            detail: $"Send the service's key in the {HeaderName} header.").ExecuteAsync(context);
    }

    private bool IsOpen(HttpRequest request)
    {
        // Probes, and the console's page and assets: the page shows nothing until a key is given or reads are open.
        if (request.Path.StartsWithSegments("/health") || Console.ConsoleEndpoints.IsConsoleRead(request))
        {
            return true;
        }

        return _openReads && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method));
    }

    private bool HasValidKey(HttpRequest request)
    {
        var given = request.Headers[HeaderName];
        if (given.Count != 1 || string.IsNullOrEmpty(given[0]))
        {
            return false;
        }

        // Hashing first gives both sides one length, so the comparison time says nothing about the key.
        var key = given[0]!;
        if (key.Length > MaxKeyLength)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Encoding.UTF8.GetMaxByteCount(MaxKeyLength)];
        var length = Encoding.UTF8.GetBytes(key, bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes[..length], hash);
        return CryptographicOperations.FixedTimeEquals(hash, _expectedHash);
    }
}
