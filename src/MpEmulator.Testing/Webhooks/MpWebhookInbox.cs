namespace MpEmulator.Testing.Webhooks;

/// <summary>A local URL to give Mercado Pago as <c>notification_url</c>, and the deliveries that reach it, in order.</summary>
public sealed class MpWebhookInbox
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    readonly List<(MpWebhookDelivery Delivery, bool Taken)> received = [];
    readonly Lock gate = new();
    TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal MpWebhookInbox(string url, string? secret)
    {
        Url = url;
        Secret = secret;
    }

    public string Url { get; }

    /// <summary>The secret signatures are checked with; when null, the secret of the seller named by the body's <c>user_id</c>.</summary>
    public string? Secret { get; }

    /// <summary>The HTTP status the inbox answers; anything but 2xx makes Mercado Pago retry.</summary>
    public int StatusCode { get; set; } = 200;

    public IReadOnlyList<MpWebhookDelivery> Received
    {
        get { lock (gate) return received.Select(r => r.Delivery).ToList(); }
    }

    /// <summary>The oldest delivery not yet taken (that satisfies <paramref name="where"/>); waits for one up to the timeout.</summary>
    public async Task<MpWebhookDelivery> NextAsync(TimeSpan? timeout = null, Func<MpWebhookDelivery, bool>? where = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            Task signal;
            lock (gate)
            {
                var i = received.FindIndex(r => !r.Taken && (where is null || where(r.Delivery)));
                if (i >= 0)
                {
                    received[i] = received[i] with { Taken = true };
                    return received[i].Delivery;
                }
                signal = arrived.Task;
            }
            try { await signal.WaitAsync(deadline.Token); }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No webhook reached {Url} within {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s " +
                                           $"({Received.Count} received in all)");
            }
        }
    }

    /// <summary>The next delivery announcing <paramref name="action"/> (<c>payment.updated</c>) for <paramref name="paymentId"/>.</summary>
    public Task<MpWebhookDelivery> NextAsync(string action, long paymentId, TimeSpan? timeout = null) =>
        NextAsync(timeout, d => d.Action == action && d.DataId == paymentId.ToString());

    internal void Add(MpWebhookDelivery delivery)
    {
        lock (gate)
        {
            received.Add((delivery, false));
            arrived.SetResult();
            arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
