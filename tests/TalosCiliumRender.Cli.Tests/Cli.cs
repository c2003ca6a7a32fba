using TalosCiliumRender.Core;

namespace TalosCiliumRender.Cli.Tests;

/// <summary>Runs talos-cilium in-process, exactly as Program.Main does, with captured output.</summary>
internal static class Cli
{
    public static async Task<CliRun> RunAsync(string workingDirectory, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var bytes = new MemoryStream();
        var environment = RenderEnvironment.FromProcess() with { WorkingDirectory = workingDirectory };
        var exitCode = await CliApplication.RunAsync(args, new CliConsole(output, error, () => new NonClosingStream(bytes), environment), CancellationToken.None);
        var stdoutBytes = bytes.ToArray();
        return new CliRun(exitCode, output + System.Text.Encoding.UTF8.GetString(stdoutBytes), error.ToString(), stdoutBytes);
    }

    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
