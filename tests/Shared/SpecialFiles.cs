namespace TalosCiliumRender.Tests.Infrastructure;

/// <summary>
/// Makes and inspects device nodes, named pipes and links with the system's own tools (mknod, mkfifo, stat), so a
/// test's view of a path never depends on the product code it checks.
/// </summary>
internal static class SpecialFiles
{
    /// <summary>A private copy of the null device (character device 1,3): writes to it vanish, as to /dev/null.</summary>
    public static Task<string> NullDeviceAsync(string folder, string name = "null") => MakeAsync(Path.Combine(folder, name), "mknod", "c", "1", "3");

    /// <summary>A named pipe.</summary>
    public static Task<string> FifoAsync(string folder, string name = "fifo") => MakeAsync(Path.Combine(folder, name), "mkfifo");

    /// <summary>What coreutils' stat says the path itself is (a final link is not followed): "character special file", "fifo", "symbolic link", "regular file", "directory".</summary>
    public static async Task<string> TypeOfAsync(string path)
    {
        var run = await ChildProcess.RunAsync("stat", ["-c", "%F", "--", path], Path.GetDirectoryName(path)!, TimeSpan.FromSeconds(30));
        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        return run.Output.Trim();
    }

    /// <summary>
    /// Reads a named pipe to its end in the background. <see cref="IAsyncDisposable.DisposeAsync"/> releases a reader
    /// still waiting for a writer (by opening the pipe for writing once), so a failing test never hangs.
    /// </summary>
    public static FifoReader Read(string fifo) => new(fifo);

    private static async Task<string> MakeAsync(string path, string tool, params string[] arguments)
    {
        var run = await ChildProcess.RunAsync(tool, [path, .. arguments], Path.GetDirectoryName(path)!, TimeSpan.FromSeconds(30));
        Assert.That(run.ExitCode, Is.Zero, () => $"{tool} {path}: {run}");
        return path;
    }

    internal sealed class FifoReader(string fifo) : IAsyncDisposable
    {
        public Task<byte[]> Bytes { get; } = Task.Run(() => File.ReadAllBytes(fifo));

        public async ValueTask DisposeAsync()
        {
            if (!Bytes.IsCompleted)
            {
                await using (new FileStream(fifo, FileMode.Open, FileAccess.Write))
                {
                }
            }

            await Bytes.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
