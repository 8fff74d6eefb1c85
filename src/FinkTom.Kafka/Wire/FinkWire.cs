using Confluent.Kafka;
using FinkTom.Core.Model;
using FinkTom.Core.Surveys;

namespace FinkTom.Kafka.Wire;

/// <summary>The livestream message of an alert in its survey's Fink layout: <see cref="FinkWireFormat"/> (ZTF) or
/// <see cref="FinkLsstWireFormat"/> (Rubin).</summary>
public static class FinkWire
{
    public static byte[] KeyFor(Survey survey) => survey == Survey.Lsst ? FinkLsstWireFormat.Key : FinkWireFormat.Key;

    public static Message<byte[], byte[]> Message(Alert alert) => alert.Survey == Survey.Lsst
        ? new() { Key = FinkLsstWireFormat.Key, Value = FinkLsstWireFormat.Encode(alert) }
        : new() { Key = FinkWireFormat.Key, Value = FinkWireFormat.Encode(alert) };
}
