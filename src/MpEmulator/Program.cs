using MpEmulator.Cli;

return await EmulatorCommand.RunAsync(args, ServeCommand.RunAsync);

public partial class Program;
