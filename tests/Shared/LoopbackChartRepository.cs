using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TalosCiliumRender.Tests.Infrastructure;

/// <summary>
/// A read-only HTTP/1.1 file server on 127.0.0.1 (ephemeral port), serving a folder such as ../shared/charts as a
/// real chart repository for helm. Counts requests per path so tests can prove what was (not) downloaded.
/// One request per connection (<c>Connection: close</c>), GET and HEAD only.
/// </summary>
internal sealed class LoopbackChartRepository : IDisposable
{
    private readonly string _root;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly Task _acceptLoop;

    public LoopbackChartRepository(string root)
    {
        _root = Path.GetFullPath(root);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The repository URL, without a trailing slash.</summary>
    public string Url { get; }

    /// <summary>Requests so far for a path such as <c>/index.yaml</c>.</summary>
    public int RequestCount(string path) => _requests.TryGetValue(path, out var count) ? count : 0;

    /// <summary>All requests so far.</summary>
    public int TotalRequests => _requests.Values.Sum();

    /// <summary>A loopback URL on which nothing listens (the port was just released), for "unreachable" tests.</summary>
    public static string UnreachableUrl()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _acceptLoop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Stopping the listener faults the pending accept; that is the expected way out.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var requestLine = await ReadLineAsync(stream);
                while (await ReadLineAsync(stream) is { Length: > 0 })
                {
                    // Headers are not needed: every response closes the connection.
                }

                var parts = requestLine?.Split(' ') ?? [];
                if (parts.Length < 2)
                {
                    return;
                }

                var path = Uri.UnescapeDataString(parts[1].Split('?')[0]);
                _requests.AddOrUpdate(path, 1, (_, count) => count + 1);
                var file = Path.GetFullPath(Path.Combine(_root, path.TrimStart('/')));
                var inside = file.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
                if (parts[0] is not ("GET" or "HEAD") || !inside || !File.Exists(file))
                {
                    await WriteAsync(stream, "404 Not Found", "text/plain", Encoding.UTF8.GetBytes("not found\n"), includeBody: true);
                    return;
                }

                var type = file.EndsWith(".yaml", StringComparison.Ordinal) ? "application/x-yaml" : "application/gzip";
                await WriteAsync(stream, "200 OK", type, await File.ReadAllBytesAsync(file), includeBody: parts[0] == "GET");
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                // The client went away; nothing to report.
            }
        }
    }

    private static async Task WriteAsync(NetworkStream stream, string status, string contentType, byte[] body, bool includeBody)
    {
        var head = string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 {status}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        if (includeBody)
        {
            await stream.WriteAsync(body);
        }

        await stream.FlushAsync();
    }

    private static async Task<string?> ReadLineAsync(NetworkStream stream)
    {
        var line = new StringBuilder();
        var buffer = new byte[1];
        while (await stream.ReadAsync(buffer) == 1)
        {
            if (buffer[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)buffer[0]);
        }

        return line.Length > 0 ? line.ToString() : null;
    }
}
