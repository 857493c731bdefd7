using Microsoft.AspNetCore.Http;

namespace RulePlugins.Service.Http;

/// <summary>Checks of paging parameters.</summary>
internal static class Paging
{
    /// <summary>The page size when none is given.</summary>
    public const int DefaultLimit = 1000;

    /// <summary>The largest page.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>The page size asked for, or 400 naming the parameter and the allowed range.</summary>
    public static int Limit(int? limit)
    {
        if (limit is { } value && (value < 1 || value > MaxLimit))
        {
            throw new RequestRefusedException(StatusCodes.Status400BadRequest, "Invalid query parameter", $"limit must be from 1 to {MaxLimit}, got {value}.");
        }

        return limit ?? DefaultLimit;
    }

    /// <summary>A keyset position, or 400 when negative.</summary>
    public static long Position(string name, long? value)
    {
        if (value < 0)
        {
            throw new RequestRefusedException(StatusCodes.Status400BadRequest, "Invalid query parameter", $"{name} must not be negative, got {value}.");
        }

        return value ?? 0;
    }
}
