using GreenTierWorkflows.Cli;

return await GtwApp.RunAsync(args, Console.Out, Console.Error);
