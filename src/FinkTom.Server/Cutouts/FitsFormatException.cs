namespace FinkTom.Server.Cutouts;

/// <summary>A stamp that is not a FITS image this reader understands (truncated, not FITS, unsupported layout).</summary>
public sealed class FitsFormatException(string message, Exception? inner = null) : FormatException(message, inner);
