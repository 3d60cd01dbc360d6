using MpEmulator.Webhooks;

namespace MpEmulator.Tests.Webhooks;

public sealed class WebhookRulesTests
{
    static readonly DateTimeOffset Now = new(2026, 3, 10, 15, 0, 0, TimeSpan.Zero);
    static readonly IReadOnlyList<TimeSpan> Default = WebhookRules.Schedule(new WebhookOptions().Retries);

    [Fact]
    public void The_default_schedule_is_1s_5s_30s_2m() =>
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)], Default);

    [Fact]
    public void A_schedule_takes_milliseconds_to_hours() =>
        Assert.Equal([TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1.5), TimeSpan.FromHours(1)], WebhookRules.Schedule(" 500ms, 1.5s ,1h"));

    [Theory, InlineData("5"), InlineData("5d"), InlineData("x s"), InlineData("-1s"), InlineData("ms")]
    public void A_malformed_schedule_is_refused(string text) =>
        Assert.Throws<FormatException>(() => WebhookRules.Schedule(text));

    [Theory, InlineData(1, 1), InlineData(2, 5), InlineData(3, 30), InlineData(4, 120)]
    public void Each_failure_waits_its_step_of_the_schedule(int failures, int seconds) =>
        Assert.Equal(Now.AddSeconds(seconds), WebhookRules.NextAttempt(Default, failures, Now));

    [Theory, InlineData(200, true), InlineData(201, true), InlineData(202, false), InlineData(204, false), InlineData(500, false)]
    public void Only_a_200_or_201_acknowledges_a_delivery(int status, bool acknowledged) =>
        Assert.Equal(acknowledged, WebhookRules.Succeeded(new WebhookAttempt { StatusCode = status }));

    [Fact]
    public void After_the_last_step_it_gives_up() => Assert.Null(WebhookRules.NextAttempt(Default, 5, Now));

    [Theory]
    [InlineData("http://p", "http://s", "http://d", "http://p")]
    [InlineData(null, "http://s", "http://d", "http://s")]
    [InlineData(null, "", "http://d", "http://d")]
    [InlineData(null, null, null, null)]
    public void The_payments_url_wins_then_the_sellers_then_the_emulators(string? payment, string? seller, string? fallback, string? expected) =>
        Assert.Equal(expected, WebhookRules.Target(payment, seller, fallback));

    [Theory]
    [InlineData("http://h/hooks", false, "http://h/hooks?data.id=42&type=payment")]
    [InlineData("http://h/hooks?shop=1", false, "http://h/hooks?shop=1&data.id=42&type=payment")]
    [InlineData("http://h/hooks?source_news=ipn", false, "http://h/hooks?source_news=ipn&topic=payment&id=42")]
    [InlineData("http://h/hooks", true, "http://h/hooks?topic=payment&id=42")]
    public void The_notification_query_is_appended_to_the_target(string target, bool ipnSetting, string url) =>
        Assert.Equal(url, WebhookRules.Delivery(1, target, ipnSetting, 7, 42, "payment.created", Now, TimeSpan.Zero, Now).Url);

    [Fact]
    public void The_webhook_body_is_mercado_pagos_with_data_id_as_a_string()
    {
        var body = WebhookRules.WebhookBody(110000000001, "payment.updated", Now, TimeSpan.FromHours(-4), 123456789, 1320000001);
        Assert.Equal("""{"id":110000000001,"live_mode":false,"type":"payment","date_created":"2026-03-10T11:00:00.000-04:00","user_id":123456789,"api_version":"v1","action":"payment.updated","data":{"id":"1320000001"}}""",
            body.ToJsonString());
    }

    [Fact]
    public void Only_the_webhook_form_signs_a_data_id()
    {
        Assert.Equal("42", WebhookRules.SignedDataId("http://h/hooks?data.id=42&type=payment"));
        Assert.Null(WebhookRules.SignedDataId("http://h/hooks?topic=payment&id=42"));
    }

    [Fact]
    public void Test_sends_are_not_held_behind_a_payments_deliveries()
    {
        Assert.Null(WebhookRules.OrderKey(new WebhookDelivery { Source = "test", OwnerId = 1, PaymentId = 2 }));
        Assert.Equal((1L, 2L), WebhookRules.OrderKey(new WebhookDelivery { Source = "replay", OwnerId = 1, PaymentId = 2 }));
    }
}
