// fake-helm: stands in for helm in tests where a real helm cannot show the behaviour (crashes, hangs, odd
// versions) and records what it was called with. Driven entirely by environment variables:
//
//   FAKE_HELM_VERSION   what `version --short` prints (default v3.99.0). `version` ignores FAKE_HELM_MODE so a
//                       fake in any mode can still be located.
//   FAKE_HELM_MODE      ok (default)   | crash: 30 numbered stderr lines, exit 3
//                       hang: write the PID to FAKE_HELM_PID_FILE, then sleep forever
//                       stderr-noise: 200 stderr lines, then behave as ok
//                       endless-stdout / endless-stderr: write YAML lines to that stream until killed
//   FAKE_HELM_RECORD    file to append one JSON line per call: {"args":[...],"env":{HELM_* variables}}
//   FAKE_HELM_OUTPUT    file whose content `template` prints (default: a one-document ConfigMap)
//   FAKE_HELM_CHART     file that `pull` copies into --destination (default: pull fails like a missing chart)
using System.Collections;
using System.Text.Json;

Record(args);

if (args is ["version", ..])
{
    Console.WriteLine(Environment.GetEnvironmentVariable("FAKE_HELM_VERSION") ?? "v3.99.0");
    return 0;
}

switch (Environment.GetEnvironmentVariable("FAKE_HELM_MODE") ?? "ok")
{
    case "crash":
        for (var i = 1; i <= 30; i++)
        {
            Console.Error.WriteLine($"fake-helm: stderr line {i}");
        }

        Console.Error.WriteLine("Error: fake-helm crashed on purpose");
        return 3;
    case "hang":
        var pidFile = Environment.GetEnvironmentVariable("FAKE_HELM_PID_FILE");
        if (pidFile is not null)
        {
            // Write then rename so a polling test never reads a half-written PID.
            File.WriteAllText(pidFile + ".tmp", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.Move(pidFile + ".tmp", pidFile, overwrite: true);
        }

        Thread.Sleep(Timeout.Infinite);
        return 0;
    case "endless-stdout":
        Endless(Console.OpenStandardOutput());
        return 0;
    case "endless-stderr":
        // 64 MiB of warnings, then a normal render: a noisy helm that does finish.
        Endless(Console.OpenStandardError(), 64L * 1024 * 1024);
        break;
    case "stderr-noise":
        for (var i = 1; i <= 200; i++)
        {
            Console.Error.WriteLine($"fake-helm: noise line {i}");
        }

        break;
}

return args switch
{
    ["template", ..] => Template(),
    ["pull", ..] => Pull(args),
    _ => Unknown(args),
};

static int Template()
{
    var output = Environment.GetEnvironmentVariable("FAKE_HELM_OUTPUT");
    Console.Out.Write(output is null
        ? "---\n# Source: fake/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fake\n"
        : File.ReadAllText(output));
    return 0;
}

static int Pull(string[] args)
{
    var chart = Environment.GetEnvironmentVariable("FAKE_HELM_CHART");
    var destination = ValueOf(args, "--destination") ?? ".";
    if (chart is null)
    {
        Console.Error.WriteLine($"Error: chart \"{args[1]}\" version \"{ValueOf(args, "--version")}\" not found in {ValueOf(args, "--repo")} repository");
        return 1;
    }

    File.Copy(chart, Path.Combine(destination, Path.GetFileName(chart)), overwrite: true);
    return 0;
}

static int Unknown(string[] args)
{
    Console.Error.WriteLine($"Error: fake-helm does not know '{string.Join(' ', args)}'");
    return 64;
}

static string? ValueOf(string[] args, string flag)
{
    var index = Array.IndexOf(args, flag);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static void Record(string[] args)
{
    var path = Environment.GetEnvironmentVariable("FAKE_HELM_RECORD");
    if (path is null)
    {
        return;
    }

    var env = new SortedDictionary<string, string?>(StringComparer.Ordinal);
    foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
    {
        if (entry.Key is string key && key.StartsWith("HELM_", StringComparison.Ordinal))
        {
            env[key] = entry.Value as string;
        }
    }

    var line = JsonSerializer.Serialize(new Dictionary<string, object> { ["args"] = args, ["env"] = env });
    File.AppendAllText(path, line + "\n");
}

// A runaway template: the same small document over and over, as fast as the pipe takes it (until killed or limit bytes).
static void Endless(Stream stream, long limit = long.MaxValue)
{
    var line = System.Text.Encoding.UTF8.GetBytes("- runaway: line\n");
    var chunk = new byte[line.Length * 4096];
    for (var i = 0; i < chunk.Length; i += line.Length)
    {
        line.CopyTo(chunk, i);
    }

    try
    {
        for (long written = 0; written < limit; written += chunk.Length)
        {
            stream.Write(chunk);
        }
    }
    catch (IOException)
    {
        // The reader went away (the render stopped us): that is the point.
    }

    stream.Flush();
}
