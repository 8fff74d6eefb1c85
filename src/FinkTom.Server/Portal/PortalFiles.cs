using System.Reflection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace FinkTom.Server.Portal;

/// <summary>
/// The built Science Portal (Vite's <c>dist/</c>), embedded in the <c>finktom</c> assembly by <c>Portal.targets</c>
/// under logical names <c>FinkTom.Portal/&lt;path&gt;</c>: one self-contained executable, whatever the working
/// directory, content root or publish mode.
/// </summary>
public sealed class PortalFiles : IFileProvider
{
    public const string ResourcePrefix = "FinkTom.Portal/";

    private readonly Assembly _assembly;
    private readonly Dictionary<string, string> _resources; // "assets/index-x.js" → resource name
    private readonly DateTimeOffset _lastModified;

    public PortalFiles(Assembly assembly)
    {
        _assembly = assembly;
        _resources = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToDictionary(n => n[ResourcePrefix.Length..].Replace('\\', '/'), n => n, StringComparer.Ordinal);
        // The build time stands for every file's date: the files change only when the assembly does.
        _lastModified = File.Exists(assembly.Location) ? File.GetLastWriteTimeUtc(assembly.Location) : DateTimeOffset.UtcNow;
    }

    /// <summary>False when the server was built without the portal (<c>-p:SkipPortalBuild=true</c> and no earlier build).</summary>
    public bool HasIndex => _resources.ContainsKey("index.html");

    public IEnumerable<string> Paths => _resources.Keys;

    public IFileInfo GetFileInfo(string subpath)
    {
        var path = subpath.TrimStart('/');
        return _resources.TryGetValue(path, out var name)
            ? new ResourceFile(_assembly, name, Path.GetFileName(path), _lastModified)
            : new NotFoundFileInfo(path);
    }

    public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    private sealed class ResourceFile(Assembly assembly, string resource, string name, DateTimeOffset lastModified) : IFileInfo
    {
        private readonly Lazy<long> _length = new(() => { using var s = assembly.GetManifestResourceStream(resource)!; return s.Length; });

        public bool Exists => true;
        public long Length => _length.Value;
        public string? PhysicalPath => null;
        public string Name => name;
        public DateTimeOffset LastModified => lastModified;
        public bool IsDirectory => false;
        public Stream CreateReadStream() => assembly.GetManifestResourceStream(resource)!;
    }
}
