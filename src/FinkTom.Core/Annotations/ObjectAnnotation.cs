namespace FinkTom.Core.Annotations;

/// <summary>
/// A user's note on an object (Fink's <c>ztf.metadata</c>, /api/v1/metadata): an internal name, its encoded form (the
/// name without spaces, usable in a URL), comments and who wrote it. One per object id; a new one replaces it.
/// </summary>
public sealed record ObjectAnnotation(string ObjectId, string InternalName, string Comments, string Username)
{
    public string InternalNameEncoded => Encode(InternalName);

    /// <summary>Fink's encoding: the name with its spaces removed.</summary>
    public static string Encode(string internalName) => internalName.Replace(" ", "");
}

/// <summary>What a lookup matches on.</summary>
public enum AnnotationKey
{
    ObjectId,
    InternalName,
    InternalNameEncoded,
}

/// <summary>Where annotations are kept: beside the alerts, in the configured store backend.</summary>
public interface IAnnotationStore
{
    /// <summary>Stores the annotation, replacing the object's previous one.</summary>
    Task SaveAsync(ObjectAnnotation annotation, CancellationToken cancellationToken = default);

    /// <summary>The annotations whose <paramref name="key"/> equals <paramref name="value"/>; every one, by object id, for
    /// <see cref="AnnotationKey.ObjectId"/> <c>all</c>.</summary>
    Task<IReadOnlyList<ObjectAnnotation>> FindAsync(AnnotationKey key, string value, CancellationToken cancellationToken = default);
}
