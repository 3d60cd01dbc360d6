using System.Diagnostics.Metrics;

namespace MpEmulator.Metrics;

/// <summary>The emulator's own instruments (meter <c>MpEmulator</c>), exported with ASP.NET Core's request metrics at
/// <c>/metrics</c>. Static: an instrument nobody listens to costs a check, and hosts in one process share the meter as
/// they share the OpenTelemetry listener.</summary>
public static class EmulatorMetrics
{
    public const string MeterName = "MpEmulator";
    static readonly Meter Meter = new(MeterName, typeof(EmulatorMetrics).Assembly.GetName().Version?.ToString());

    static readonly Counter<long> PaymentsCreated = Meter.CreateCounter<long>("mpemulator.payments.created", "{payment}",
        "Payments created, by the status they were created in and their payment method");
    static readonly Counter<long> Refunds = Meter.CreateCounter<long>("mpemulator.refunds", "{refund}", "Refunds made, by payment method");
    static readonly Counter<long> WebhookDeliveries = Meter.CreateCounter<long>("mpemulator.webhook.attempts", "{attempt}",
        "Webhook delivery attempts, by outcome: delivered, retry (another attempt is due) or failed (no attempt left)");
    static readonly Histogram<double> WebhookLatency = Meter.CreateHistogram("mpemulator.webhook.attempt.duration", "s",
        "How long a webhook receiver took to answer an attempt, by outcome",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    static readonly Counter<long> RuleHits = Meter.CreateCounter<long>("mpemulator.scenario.rule.hits", "{request}",
        "Requests a scenario rule answered, by rule id");
    static readonly Histogram<int> CommitSize = Meter.CreateHistogram("mpemulator.storage.commit.writes", "{write}",
        "Writes committed together in one database transaction (group commit)",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
    static readonly Histogram<double> CommitLatency = Meter.CreateHistogram("mpemulator.storage.commit.duration", "s",
        "How long one database transaction (a group of writes) took to commit",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });

    public static void PaymentCreated(string status, string paymentMethodId)
    {
        if (PaymentsCreated.Enabled) PaymentsCreated.Add(1, new("status", status), new("payment_method_id", paymentMethodId));
    }

    public static void Refunded(int count, string paymentMethodId)
    {
        if (Refunds.Enabled) Refunds.Add(count, new KeyValuePair<string, object?>("payment_method_id", paymentMethodId));
    }

    public static void WebhookAttempted(string outcome, TimeSpan latency)
    {
        if (!WebhookDeliveries.Enabled) return;
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        WebhookDeliveries.Add(1, tag);
        WebhookLatency.Record(latency.TotalSeconds, tag);
    }

    public static void RuleHit(string ruleId)
    {
        if (RuleHits.Enabled) RuleHits.Add(1, new KeyValuePair<string, object?>("rule", ruleId));
    }

    public static void Committed(int writes, TimeSpan took)
    {
        if (!CommitSize.Enabled) return;
        CommitSize.Record(writes);
        CommitLatency.Record(took.TotalSeconds);
    }
}
