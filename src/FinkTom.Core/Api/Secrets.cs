using System.Security.Cryptography;
using System.Text;

namespace FinkTom.Core.Api;

/// <summary>How every HTTP surface checks the keys and passwords callers present.</summary>
public static class Secrets
{
    /// <summary>Whether <paramref name="candidate"/> is one of the <paramref name="known"/> keys (empty keys never match).</summary>
    public static bool IsOneOf(IEnumerable<string> known, string? candidate) =>
        !string.IsNullOrEmpty(candidate) && known.Any(key => key.Length > 0 && Same(key, candidate));

    /// <summary>Constant-time comparison of hashes: the time taken says nothing about how much of a key was right.</summary>
    public static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));

    /// <summary>User and password of an HTTP Basic <c>Authorization</c> header value, or null when it is not one.</summary>
    public static (string User, string Password)? Basic(string authorization)
    {
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return null;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
            var colon = decoded.IndexOf(':');
            return colon < 0 ? null : (decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
