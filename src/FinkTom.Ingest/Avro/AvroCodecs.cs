using Avro.File;

namespace FinkTom.Ingest.Avro;

/// <summary>Registers FinkTom's extra Avro codecs with Apache.Avro (once per process).</summary>
public static class AvroCodecs
{
    private static readonly Lazy<bool> Registration = new(() =>
    {
        // Apache.Avro keeps its resolvers in a process-wide list, so this can only be done once.
        Codec.RegisterResolver(name => name == SnappyCodec.Name ? new SnappyCodec() : null!);
        return true;
    });

    /// <summary>Makes <c>snappy</c> resolvable by <see cref="Codec.CreateCodecFromString"/>. Idempotent and thread-safe.</summary>
    public static void EnsureRegistered() => _ = Registration.Value;
}
