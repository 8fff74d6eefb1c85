using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FinkTom.Tests.Proxy;

/// <summary>
/// A raw HTTP/1.1 server on loopback whose answers can stop in the middle of the body, which no mock server does:
/// it sends the headers and the first bytes of <see cref="Body"/>, then keeps the connection open without a byte more
/// while <see cref="Stall"/> is set (or answers in full when it is not). Stand-in for an upstream that hangs mid-answer.
/// </summary>
public sealed class StallingUpstream : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private int _requests;

    public StallingUpstream()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public string Body { get; set; } = "[]";

    public bool Stall { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                await ReadRequestAsync(stream);
                Interlocked.Increment(ref _requests);
                var body = Encoding.UTF8.GetBytes(Body);
                var head = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
                if (Stall)
                {
                    await stream.WriteAsync(body.AsMemory(0, body.Length / 2), _stop.Token);
                    await stream.FlushAsync(_stop.Token);
                    await Task.Delay(TimeSpan.FromSeconds(60), _stop.Token); // the rest never comes while the test runs
                }
                else
                {
                    await stream.WriteAsync(body, _stop.Token);
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
            }
            catch (IOException)
            {
            }
        }
    }

    // Headers up to the blank line, then Content-Length bytes of body.
    private async Task ReadRequestAsync(NetworkStream stream)
    {
        var received = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(received) && await stream.ReadAsync(one, _stop.Token) == 1)
            received.Add(one[0]);
        var head = Encoding.ASCII.GetString(received.ToArray());
        var length = head.Split("\r\n").Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(l => int.Parse(l["Content-Length:".Length..].Trim())).FirstOrDefault();
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, _stop.Token);
    }

    private static bool EndsWithBlankLine(List<byte> bytes) =>
        bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n';

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
