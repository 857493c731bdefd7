using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace RulePlugins.Service.Console;

/// <summary>
/// The web console: static files embedded in this assembly (<c>Console/wwwroot</c>), served at <c>/</c> (the page) and under
/// <c>/console/</c> (the page again, its scripts and styles), readable without a key. Every response of the service carries a strict
/// Content-Security-Policy: scripts, styles and connections from this origin only, no inline script, no frames.
/// </summary>
public static class ConsoleEndpoints
{
    /// <summary>The path prefix of the console's assets.</summary>
    public const string AssetPrefix = "/console";

    /// <summary>The policy sent with every response.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Whether a request reads the console's static files, which need no key.</summary>
    public static bool IsConsoleRead(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) &&
        (request.Path == "/" || request.Path.StartsWithSegments(AssetPrefix));

    /// <summary>Adds the security headers to every response.</summary>
    public static IApplicationBuilder UseConsoleSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        return next(context);
    });

    /// <summary>Serves the page at <c>/</c> and its assets under <see cref="AssetPrefix"/>.</summary>
    public static IApplicationBuilder UseConsole(this IApplicationBuilder app)
    {
        var files = new ManifestEmbeddedFileProvider(typeof(ConsoleEndpoints).Assembly, "Console/wwwroot");
        app.Use((context, next) =>
        {
            if (context.Request.Path == "/" && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
            {
                context.Request.Path = AssetPrefix + "/index.html";
            }

            return next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = AssetPrefix,
            OnPrepareResponse = static context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }
}
