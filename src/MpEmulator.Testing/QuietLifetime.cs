namespace MpEmulator.Testing;

/// <summary>Replaces the console lifetime: a server inside a test run must not take over Ctrl+C or SIGTERM.</summary>
sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
