using Avro;

namespace FinkTom.Ingest.Decoding;

/// <summary>Small helpers to look through the nullable unions that Spark and ZTF wrap around every field.</summary>
internal static class AvroSchemas
{
    /// <summary>The first non-null branch of a union (Spark writes <c>["type","null"]</c>, ZTF <c>["null","type"]</c>).</summary>
    public static Schema Unwrap(Schema schema) =>
        schema is UnionSchema union ? union.Schemas.FirstOrDefault(s => s.Tag != Schema.Type.Null) ?? schema : schema;

    public static RecordSchema? AsRecord(Schema schema) => Unwrap(schema) as RecordSchema;

    /// <summary>The record schema of an array's items, e.g. <c>prv_candidates</c>.</summary>
    public static RecordSchema? ArrayItemRecord(Schema schema) =>
        Unwrap(schema) is ArraySchema array ? AsRecord(array.ItemSchema) : null;

    public static int Position(RecordSchema schema, string field) =>
        schema.TryGetField(field, out var f) ? f.Pos : -1;
}
