using FinkTom.Core.Model;
using FinkTom.Ingest.Avro;

namespace FinkTom.Ingest.Decoding.Direct;

/// <summary>A decoding plan compiled from a writer schema: Avro bytes of one record straight to an <see cref="Alert"/>.</summary>
internal interface IDirectPlan
{
    /// <summary>Reads one record into <paramref name="state"/> (reset first). Throws <see cref="AvroFormatException"/>
    /// when the bytes do not hold a record of the writer schema.</summary>
    void Read(AvroBinaryReader reader, DirectDecodeState state);

    /// <summary>The alert of the record last read into <paramref name="state"/>. Throws <see cref="AlertDecodeException"/>
    /// as the generic decoder does.</summary>
    Alert Build(DirectDecodeState state);
}
