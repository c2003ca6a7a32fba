using System.Net.Sockets;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Output;

namespace TalosCiliumRender.Core.Tests.Output;

public sealed class OutputTargetTests
{
    [Test]
    public async Task Tells_files_folders_devices_pipes_and_sockets_apart_without_opening_them()
    {
        using var temp = new TempDirectory();
        var device = await SpecialFiles.NullDeviceAsync(temp.Path);
        var fifo = await SpecialFiles.FifoAsync(temp.Path);
        var socketPath = temp.Combine("socket");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        var file = temp.WriteFile("file.yaml", "a: 1\n");

        Assert.Multiple(() =>
        {
            Assert.That(Kind(device), Is.EqualTo(OutputKind.CharacterDevice));
            Assert.That(Kind(fifo), Is.EqualTo(OutputKind.Pipe), "a pipe without a reader: opening it would block");
            Assert.That(Kind(socketPath), Is.EqualTo(OutputKind.Socket));
            Assert.That(Kind(file), Is.EqualTo(OutputKind.File));
            Assert.That(Kind(temp.Path), Is.EqualTo(OutputKind.Directory));
            Assert.That(Kind(temp.Combine("missing.yaml")), Is.EqualTo(OutputKind.Missing));
            Assert.That(Kind("/dev/full"), Is.EqualTo(OutputKind.CharacterDevice));
            Assert.That(OutputTarget.Resolve("null", device).IsStream, Is.True);
            Assert.That(OutputTarget.Resolve("null", device).PhysicalPath, Is.EqualTo(device), "a stream is opened by its own name");
        });
    }

    [Test]
    public void Follows_chains_of_relative_and_absolute_links_to_the_file()
    {
        using var temp = new TempDirectory();
        var file = temp.WriteFile("real/cilium.yaml", "a: 1\n");
        File.CreateSymbolicLink(temp.Combine("absolute.yaml"), file);
        File.CreateSymbolicLink(temp.Combine("relative.yaml"), "absolute.yaml");
        Directory.CreateSymbolicLink(temp.Combine("linked-folder"), "real");

        var target = OutputTarget.Resolve("relative.yaml", temp.Combine("relative.yaml"));
        var throughFolder = OutputTarget.Resolve("linked-folder/cilium.yaml", temp.Combine("linked-folder", "cilium.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(target.Kind, Is.EqualTo(OutputKind.File));
            Assert.That(target.PhysicalPath, Is.EqualTo(file));
            Assert.That(target.FullPath, Is.EqualTo(temp.Combine("relative.yaml")), "reported as the user named it");
            Assert.That(throughFolder.PhysicalPath, Is.EqualTo(file));
        });
    }

    [Test]
    public void A_relative_link_counts_from_the_folder_the_link_really_is_in()
    {
        // deep/link.yaml -> ../shared.yaml, reached through alias -> real/deep: the kernel resolves '..' from
        // real/deep (giving real/shared.yaml), not textually from alias (which would give shared.yaml at the top).
        using var temp = new TempDirectory();
        var shared = temp.WriteFile("real/shared.yaml", "a: 1\n");
        temp.WriteFile("shared.yaml", "decoy\n");
        Directory.CreateDirectory(temp.Combine("real", "deep"));
        File.CreateSymbolicLink(temp.Combine("real", "deep", "link.yaml"), "../shared.yaml");
        Directory.CreateSymbolicLink(temp.Combine("alias"), temp.Combine("real", "deep"));

        var target = OutputTarget.Resolve("alias/link.yaml", temp.Combine("alias", "link.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(target.PhysicalPath, Is.EqualTo(shared));
            Assert.That(File.ReadAllText(temp.Combine("alias", "link.yaml")), Is.EqualTo("a: 1\n"), "the kernel agrees");
        });
    }

    [Test]
    public void A_dangling_link_leads_to_the_target_it_names()
    {
        using var temp = new TempDirectory();
        File.CreateSymbolicLink(temp.Combine("link.yaml"), "not-yet.yaml");

        var target = OutputTarget.Resolve("link.yaml", temp.Combine("link.yaml"));

        Assert.That((target.Kind, target.PhysicalPath), Is.EqualTo((OutputKind.Missing, temp.Combine("not-yet.yaml"))));
    }

    [Test]
    public void A_link_loop_is_TCR0011()
    {
        using var temp = new TempDirectory();
        File.CreateSymbolicLink(temp.Combine("a.yaml"), "b.yaml");
        File.CreateSymbolicLink(temp.Combine("b.yaml"), "a.yaml");

        var error = Assert.Throws<DiagnosticException>(() => OutputTarget.Resolve("a.yaml", temp.Combine("a.yaml")))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Diagnostic.Code, Is.EqualTo("TCR0011"));
            Assert.That(error.Diagnostic.File, Is.EqualTo("a.yaml"));
        });
    }

    private static OutputKind Kind(string path) => PathProbe.KindOf(path);
}
