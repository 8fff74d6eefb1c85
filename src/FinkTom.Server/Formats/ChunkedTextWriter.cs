using System.Text;

namespace FinkTom.Server.Formats;

/// <summary>
/// Text output for the CSV and VOTable writers: callers append to <see cref="Text"/> and call
/// <see cref="FlushIfFullAsync"/> after each row, so the stream only ever sees asynchronous writes of
/// large chunks (ASP.NET Core forbids synchronous writes to a response body).
/// </summary>
internal sealed class ChunkedTextWriter : IAsyncDisposable
{
    private const int ChunkChars = 32 * 1024;
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly StreamWriter _writer;

    public ChunkedTextWriter(Stream output)
    {
        _writer = new StreamWriter(output, Utf8NoBom, bufferSize: ChunkChars * 2, leaveOpen: true);
    }

    public StringBuilder Text { get; } = new(ChunkChars * 2);

    public async ValueTask FlushIfFullAsync(CancellationToken cancellationToken)
    {
        if (Text.Length >= ChunkChars)
        {
            await FlushAsync(cancellationToken);
        }
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await _writer.WriteAsync(Text, cancellationToken);
        Text.Clear();
        await _writer.FlushAsync(cancellationToken);
    }

    /// <summary>Releases the writer; text not yet flushed with <see cref="FlushAsync"/> is dropped.</summary>
    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
