return await Deploy.Cli.CliApp.RunAsync(args, Console.Out, Console.Error);
