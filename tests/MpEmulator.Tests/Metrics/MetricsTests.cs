using System.Net;
using MpEmulator.Tests.Support;
using MpEmulator.Tests.Webhooks;

namespace MpEmulator.Tests.Metrics;

public sealed class MetricsTests
{
    /// <summary>Instruments are shared by every emulator in the test process, so this checks which series exist and
    /// their labels, never their counts.</summary>
    [Fact]
    public async Task Metrics_are_scraped_in_Prometheus_text_behind_the_admin_key()
    {
        var dir = Directory.CreateTempSubdirectory("mpemu-metrics-");
        try
        {
            await Scrape(dir.FullName);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>On a database file, so group commits are measured too.</summary>
    static async Task Scrape(string dir)
    {
        await using var receiver = await Receiver.Start();
        await using var app = Hooks.App(("AdminKey", "k3y"), ("InMemory", "false"), ("Db", Path.Combine(dir, "m.db")));
        var api = app.Seller();
        var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Admin-Key", "k3y");

        (await admin.PostAsync("/__admin/rules", new StringContent("""{"id":"risky","match":{"path":"/v1/payments","transaction_amount":666},"respond":{"status":"rejected","status_detail":"cc_rejected_high_risk"}}""")))
            .EnsureSuccessStatusCode();
        var paid = await api.Pay(receiver.Url());
        (await api.Get($"/v1/payments/{paid}")).Is(HttpStatusCode.OK);
        (await api.Post($"/v1/payments/{paid}/refunds", new { amount = 10 })).Is(HttpStatusCode.Created);
        (await Payments.Pay.Card(api, amount: 666m)).Is(HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/metrics")).StatusCode);
        var text = await Hooks.Eventually(async () =>
        {
            var scraped = await admin.GetStringAsync("/metrics");
            return scraped.Contains("outcome=\"delivered\"") ? scraped : null;
        }, () => "a delivered webhook attempt in /metrics");

        var lines = text.Split('\n');
        void Has(string series, params string[] labels) =>
            Assert.Contains(lines, l => l.StartsWith(series + "{") && labels.All(l.Contains));
        Has("http_server_request_duration_seconds_bucket", "http_route=\"/v1/payments/{id}\"", "http_response_status_code=\"200\"", "le=\"0.005\"");
        Has("http_server_request_duration_seconds_count", "http_route=\"/v1/payments/{id}/refunds/\"", "http_response_status_code=\"201\"");
        Has("mpemulator_payments_created_total", "status=\"approved\"", "payment_method_id=\"master\"");
        Has("mpemulator_payments_created_total", "status=\"rejected\"");
        Has("mpemulator_refunds_total", "payment_method_id=\"master\"");
        Has("mpemulator_scenario_rule_hits_total", "rule=\"risky\"");
        Has("mpemulator_webhook_attempts_total", "outcome=\"delivered\"");
        Has("mpemulator_webhook_attempt_duration_seconds_bucket", "outcome=\"delivered\"");
        Has("mpemulator_storage_commit_writes_bucket", "le=\"1\"");
        Has("mpemulator_storage_commit_duration_seconds_count");
    }
}
