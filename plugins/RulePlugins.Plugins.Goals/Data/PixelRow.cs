namespace RulePlugins.Plugins.Goals.Data;

/// <summary>One tracking pixel (reference data): a row of <c>pixels</c>.</summary>
public sealed class PixelRow
{
    /// <summary>The pixel id, what segment documents store (<c>site-main</c>); it does not change when the pixel is renamed.</summary>
    public string? Id { get; set; }

    /// <summary>What people call it (<c>Main website</c>).</summary>
    public string? Name { get; set; }
}
