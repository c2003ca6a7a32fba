using TalosCiliumRender.Cli;

return await CliApplication.RunAsync(args, new CliConsole(Console.Out, Console.Error, Console.OpenStandardOutput), CancellationToken.None).ConfigureAwait(false);
