using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace RulePlugins.Service.Http;

/// <summary>A request body that is larger than the endpoint accepts (HTTP 413).</summary>
public sealed class RequestTooLargeException(long limit)
    : Exception($"The request body is larger than the {limit} bytes this endpoint accepts.")
{
    /// <summary>The limit in bytes.</summary>
    public long Limit { get; } = limit;
}

/// <summary>
/// Reads request bodies with a per-endpoint limit enforced while reading: a declared length over the limit is
/// refused before any byte is read, and a body that grows past it is refused as soon as it does.
/// </summary>
public static class RequestBody
{
    /// <summary>Reads the body as UTF-8 text.</summary>
    public static async Task<string> ReadTextAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var buffer = await ReadAsync(request, limit, cancellationToken);
        try
        {
            return Encoding.UTF8.GetString(buffer.Array, 0, buffer.Length);
        }
        finally
        {
            buffer.Dispose();
        }
    }

    /// <summary>Reads the body into a pooled buffer; dispose the result to return it.</summary>
    public static async Task<PooledBody> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw new RequestTooLargeException(limit);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature
            && (feature.MaxRequestBodySize is null || feature.MaxRequestBodySize > limit))
        {
            feature.MaxRequestBodySize = limit;
        }

        var array = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 4096, limit) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == array.Length)
                {
                    if (length > limit)
                    {
                        throw new RequestTooLargeException(limit);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)array.Length * 2, limit + 1));
                    array.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(array);
                    array = larger;
                }

                var read = await request.Body.ReadAsync(array.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    throw new RequestTooLargeException(limit);
                }
            }

            return new PooledBody(array, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(array);
            throw;
        }
    }
}

/// <summary>A request body in a pooled array.</summary>
public readonly struct PooledBody(byte[] array, int length) : IDisposable
{
    /// <summary>The array; only the first <see cref="Length"/> bytes are the body.</summary>
    public byte[] Array { get; } = array;

    /// <summary>The body length.</summary>
    public int Length { get; } = length;

    /// <summary>The body.</summary>
    public ReadOnlyMemory<byte> Memory => Array.AsMemory(0, Length);

    /// <summary>Returns the array to the pool.</summary>
    public void Dispose() => ArrayPool<byte>.Shared.Return(Array);
}
