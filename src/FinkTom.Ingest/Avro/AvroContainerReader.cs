using System.Buffers;
using Avro.File;
using Avro.Generic;
using Avro.IO;

namespace FinkTom.Ingest.Avro;

/// <summary>
/// Reads the records of an Avro object container file (Avro specification, "Object Container Files"): header
/// (<c>Obj\x01</c>, metadata with <c>avro.schema</c>/<c>avro.codec</c>, 16-byte sync marker), then blocks of
/// (record count, byte size, data, sync marker). Apache.Avro's <c>DataFileReader</c> does the same, but folds
/// every failure into one "Error fetching next object" message with a stack trace inside; reading the framing
/// here lets an ingestion report say <em>which</em> block broke and why, and lets callers reuse records.
/// </summary>
/// <remarks>
/// A block's records are decoded only once the whole block and its sync marker have been read, so a truncated or
/// corrupt file yields every record of the blocks before the damage and none after it.
/// </remarks>
public sealed class AvroContainerReader : IDisposable
{
    /// <summary>The largest block read, compressed or decompressed (Avro writers cut blocks at ~64 kB of records; one
    /// ZTF alert with its stamps is ~100 kB). A larger one is refused as corrupt, so a compression bomb cannot exhaust memory.</summary>
    public const long MaxBlockBytes = 64L << 20;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte[] _sync;
    private readonly byte[] _syncBuffer = new byte[AvroContainerHeader.SyncLength];
    private readonly Codec _codec;
    private readonly GenericDatumReader<GenericRecord> _datumReader;
    private byte[] _blockBuffer = [];
    private MemoryStream? _block;
    private BoundedDecoder? _blockDecoder;
    private long _remainingInBlock;

    private AvroContainerReader(Stream stream, bool leaveOpen, CachedSchema schema, string codecName, Codec codec, byte[] sync, bool alertFieldsOnly)
    {
        _datumReader = alertFieldsOnly ? schema.AlertReader : schema.DatumReader;
        _stream = stream;
        _leaveOpen = leaveOpen;
        Schema = schema;
        CodecName = codecName;
        _codec = codec;
        _sync = sync;
    }

    /// <summary>The writer schema from the header (shared through the cache between files with the same schema).</summary>
    public CachedSchema Schema { get; }

    /// <summary>The header's <c>avro.codec</c> (<c>null</c>, <c>deflate</c>, <c>snappy</c>).</summary>
    public string CodecName { get; }

    /// <summary>Blocks read completely so far.</summary>
    public int BlocksRead { get; private set; }

    /// <summary>Records returned so far.</summary>
    public long RecordsRead { get; private set; }

    /// <summary>Reads the header. Throws <see cref="AvroFormatException"/> when the stream is not an Avro container
    /// or its schema or codec cannot be used. <paramref name="alertFieldsOnly"/>: records hold only the fields
    /// <see cref="Decoding.AlertDecoder"/> reads (<see cref="CachedSchema.AlertReader"/>).</summary>
    public static AvroContainerReader Open(Stream stream, AvroSchemaCache schemas, bool leaveOpen = false, bool alertFieldsOnly = false)
    {
        AvroCodecs.EnsureRegistered();
        var header = AvroContainerHeader.Read(stream);
        var schema = schemas.Get(header.SchemaJson);
        Codec codec;
        try
        {
            codec = Codec.CreateCodecFromString(header.CodecName);
        }
        catch (Exception e) // Apache.Avro tries to load an assembly for codecs it does not ship
        {
            throw new AvroFormatException($"unsupported Avro codec '{header.CodecName}'", e);
        }
        return new AvroContainerReader(stream, leaveOpen, schema, header.CodecName, codec, header.Sync, alertFieldsOnly);
    }

    /// <summary>
    /// Reads the next record into <paramref name="record"/> (reusing the instance passed in when the schema allows:
    /// copy what you need before the next call). Returns false at the clean end of the container. Throws
    /// <see cref="AvroFormatException"/> on truncation or corruption.
    /// </summary>
    public bool TryRead(ref GenericRecord? record)
    {
        while (_remainingInBlock == 0)
        {
            EnsureBlockFullyConsumed();
            if (!TryReadBlock())
                return false;
        }

        try
        {
            record = _datumReader.Read(record!, _blockDecoder!);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new AvroFormatException(
                $"corrupt record {RecordsRead + 1} (block {BlocksRead}): {e.GetType().Name}: {e.Message}", e);
        }
        _remainingInBlock--;
        RecordsRead++;
        return true;
    }

    public void Dispose()
    {
        ReturnBlockBuffer();
        _block = null;
        if (!_leaveOpen)
            _stream.Dispose();
    }

    private void ReturnBlockBuffer()
    {
        if (_blockBuffer.Length > 0)
            ArrayPool<byte>.Shared.Return(_blockBuffer);
        _blockBuffer = [];
    }

    /// <summary>
    /// Reads the next block whole, without decoding its records: for decoders that read records from the bytes
    /// themselves (<see cref="Decoding.Direct.DirectAlertPlan"/>), possibly on other threads. The block owns its data
    /// (return <see cref="RawBlock.Pooled"/> to <see cref="ArrayPool{T}.Shared"/> when done). Returns false at the
    /// clean end; throws <see cref="AvroFormatException"/> as <see cref="TryRead"/> does. Not to be mixed with
    /// <see cref="TryRead"/> on one reader.
    /// </summary>
    internal bool TryReadBlock(out RawBlock block)
    {
        var firstRecord = RecordsRead;
        if (!TryReadBlockData(detach: true, out var count, out var data, out var pooled))
        {
            block = default;
            return false;
        }
        RecordsRead += count;
        block = new RawBlock(BlocksRead, firstRecord, count, data, pooled);
        return true;
    }

    private bool TryReadBlock()
    {
        if (!TryReadBlockData(detach: false, out var count, out var segment, out _))
            return false;
        _block = new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false);
        _blockDecoder = new BoundedDecoder(_block);
        _remainingInBlock = count;
        return true;
    }

    // detach: the data must outlive the next block read (a rented buffer of its own, not the reader's).
    private bool TryReadBlockData(bool detach, out long count, out ArraySegment<byte> data, out byte[]? pooled)
    {
        var blockNumber = BlocksRead + 1;
        pooled = null;
        data = default;
        count = 0;
        var first = _stream.ReadByte();
        if (first < 0)
            return false; // clean end: the previous block ended exactly at the end of the file

        long size;
        try
        {
            count = AvroVarint.ReadLong(_stream, first);
            size = AvroVarint.ReadLong(_stream);
        }
        catch (EndOfStreamException)
        {
            throw Truncated(blockNumber, "inside the block header");
        }
        if (count < 0 || size < 0)
            throw new AvroFormatException($"corrupt block {blockNumber}: impossible record count {count} or size {size}");
        if (size > MaxBlockBytes)
            throw new AvroFormatException($"block {blockNumber} declares {size} bytes, over the {MaxBlockBytes >> 20} MiB FinkTom reads for one block");
        if (_stream.CanSeek && size > _stream.Length - _stream.Position)
            throw Truncated(blockNumber, $"inside its {size}-byte data block ({count} records)");

        var ownBuffer = detach && CodecName == "null";
        byte[] buffer;
        if (ownBuffer)
        {
            buffer = ArrayPool<byte>.Shared.Rent((int)size);
        }
        else
        {
            if (_blockBuffer.Length < size)
            {
                // Pooled: a ZTF night is ~10⁵ one-alert files, each one ~65 kB block.
                ReturnBlockBuffer();
                _blockBuffer = ArrayPool<byte>.Shared.Rent((int)size);
            }
            buffer = _blockBuffer;
        }
        try
        {
            try
            {
                _stream.ReadExactly(buffer, 0, (int)size);
                _stream.ReadExactly(_syncBuffer);
            }
            catch (EndOfStreamException)
            {
                throw Truncated(blockNumber, $"inside its {size}-byte data block ({count} records)");
            }
            if (!_syncBuffer.AsSpan().SequenceEqual(_sync))
                throw new AvroFormatException($"corrupt block {blockNumber}: the sync marker after it does not match the header's");

            ReadOnlyMemory<byte> decompressed;
            try
            {
                decompressed = AvroBlockCodec.Decompress(CodecName, _codec, buffer, (int)size, MaxBlockBytes);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new AvroFormatException($"corrupt block {blockNumber}: {CodecName} decompression failed: {e.Message}", e);
            }
            if (count > decompressed.Length)
                throw new AvroFormatException($"corrupt block {blockNumber}: {count} records cannot fit in {decompressed.Length} bytes");

            data = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(decompressed, out var array) ? array : new ArraySegment<byte>(decompressed.ToArray());
        }
        catch
        {
            if (ownBuffer)
                ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
        if (ownBuffer)
            pooled = buffer;
        BlocksRead++;
        return true;
    }

    // Records must use up their block exactly; leftover bytes mean the writer schema does not describe the data.
    private void EnsureBlockFullyConsumed()
    {
        if (_block is not null && _block.Position != _block.Length)
            throw new AvroFormatException(
                $"corrupt block {BlocksRead}: {_block.Length - _block.Position} bytes left after its records (data does not match the schema)");
    }

    private AvroFormatException Truncated(int blockNumber, string where) =>
        new($"truncated: the file ends {where} of block {blockNumber}, after {RecordsRead} complete records");
}

/// <summary>One container block read whole: its 1-based number, how many records came before it, its record count
/// and its decompressed data (<paramref name="Pooled"/>: the rented array behind it, if any, to give back).</summary>
internal readonly record struct RawBlock(int Number, long FirstRecord, long Count, ArraySegment<byte> Data, byte[]? Pooled);
