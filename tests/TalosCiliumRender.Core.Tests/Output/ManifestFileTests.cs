using System.Diagnostics;
using System.Net.Sockets;
using TalosCiliumRender.Core.Output;

namespace TalosCiliumRender.Core.Tests.Output;

/// <summary>The single-file writer every render layout but the folder and the kustomize command go through.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // device nodes, pipes and permission bits are Unix's
public sealed class ManifestFileTests
{
    private const string Manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n";

    [Test]
    public async Task A_device_is_written_to_in_place_and_stays_a_device()
    {
        using var temp = new TempDirectory();
        var device = await SpecialFiles.NullDeviceAsync(temp.Path);

        var error = await ManifestFile.WriteAsync(device, Manifest);

        Assert.Multiple(async () =>
        {
            Assert.That(error, Is.Null);
            Assert.That(await SpecialFiles.TypeOfAsync(device), Is.EqualTo("character special file"));
            Assert.That(Directory.GetFileSystemEntries(temp.Path), Is.EqualTo(new[] { device }), "no temporary file beside it");
        });
    }

    [Test]
    public async Task A_named_pipe_delivers_the_manifest_to_its_reader_and_stays_a_pipe()
    {
        using var temp = new TempDirectory();
        var fifo = await SpecialFiles.FifoAsync(temp.Path);
        await using var reader = SpecialFiles.Read(fifo);

        var error = await ManifestFile.WriteAsync(fifo, Manifest).WaitAsync(TimeSpan.FromMinutes(1));
        var received = await reader.Bytes.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Multiple(async () =>
        {
            Assert.That(error, Is.Null);
            Assert.That(received, Is.EqualTo(System.Text.Encoding.UTF8.GetBytes(Manifest)));
            Assert.That(await SpecialFiles.TypeOfAsync(fifo), Is.EqualTo("fifo"));
        });
    }

    [Test]
    public async Task A_full_device_is_TCR0007_at_once()
    {
        var clock = Stopwatch.StartNew();
        var error = await ManifestFile.WriteAsync("/dev/full", Manifest);

        Assert.Multiple(async () =>
        {
            Assert.That(error?.Code, Is.EqualTo("TCR0007"));
            Assert.That(error?.Message, Does.Contain("/dev/full").And.Contain("character device"));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
            Assert.That(await SpecialFiles.TypeOfAsync("/dev/full"), Is.EqualTo("character special file"));
        });
    }

    [Test]
    public async Task A_socket_is_TCR0007_and_stays_a_socket()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("socket");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));

        var error = await ManifestFile.WriteAsync(path, Manifest);

        Assert.Multiple(async () =>
        {
            Assert.That(error?.Code, Is.EqualTo("TCR0007"));
            Assert.That(await SpecialFiles.TypeOfAsync(path), Is.EqualTo("socket"));
        });
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task A_link_is_followed_the_target_replaced_and_the_link_kept(bool relative)
    {
        using var temp = new TempDirectory();
        var target = temp.WriteFile("shared/cilium.yaml", "old: 1\n");
        var link = temp.Combine("repo", "cilium.yaml");
        Directory.CreateDirectory(temp.Combine("repo"));
        File.CreateSymbolicLink(link, relative ? "../shared/cilium.yaml" : target);
        var linkText = new FileInfo(link).LinkTarget;

        var error = await ManifestFile.WriteAsync(link, Manifest);

        Assert.Multiple(async () =>
        {
            Assert.That(error, Is.Null);
            Assert.That(await SpecialFiles.TypeOfAsync(link), Is.EqualTo("symbolic link"));
            Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo(linkText));
            Assert.That(File.ReadAllText(target), Is.EqualTo(Manifest));
            Assert.That(Directory.GetFileSystemEntries(temp.Combine("shared")), Is.EqualTo(new[] { target }), "the temporary file was made beside the target, and is gone");
        });
    }

    [Test]
    public async Task A_dangling_link_gets_its_target_created()
    {
        using var temp = new TempDirectory();
        var link = temp.Combine("cilium.yaml");
        File.CreateSymbolicLink(link, "generated/cilium.yaml");
        Directory.CreateDirectory(temp.Combine("generated"));

        var error = await ManifestFile.WriteAsync(link, Manifest);

        Assert.Multiple(async () =>
        {
            Assert.That(error, Is.Null);
            Assert.That(await SpecialFiles.TypeOfAsync(link), Is.EqualTo("symbolic link"));
            Assert.That(File.ReadAllText(temp.Combine("generated", "cilium.yaml")), Is.EqualTo(Manifest));
        });
    }

    [Test]
    public async Task A_folder_is_TCR5012_and_left_alone()
    {
        using var temp = new TempDirectory();
        var kept = temp.WriteFile("out/keep.txt", "kept");

        var error = await ManifestFile.WriteAsync(temp.Combine("out"), Manifest);

        Assert.Multiple(() =>
        {
            Assert.That(error?.Code, Is.EqualTo("TCR5012"));
            Assert.That(File.ReadAllText(kept), Is.EqualTo("kept"));
        });
    }

    [Test]
    public async Task A_replaced_file_keeps_its_permissions()
    {
        using var temp = new TempDirectory();
        var path = temp.WriteFile("cilium.yaml", "old: 1\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var error = await ManifestFile.WriteAsync(path, Manifest);

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.Null);
            Assert.That(File.ReadAllText(path), Is.EqualTo(Manifest));
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "private keys stay private");
        });
    }
}
