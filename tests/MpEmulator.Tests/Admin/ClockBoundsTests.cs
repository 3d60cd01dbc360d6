using System.Net;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Admin;

/// <summary>Times out of any sane range (before 2000, from 2100 on) are refused before anything changes: they used to
/// overflow date arithmetic and leave the clock, and every route after it, answering 500.</summary>
public sealed class ClockBoundsTests
{
    [Theory]
    [InlineData("advance", "duration", "P10675199D")]
    [InlineData("advance", "duration", "P9000Y")]
    [InlineData("advance", "duration", "P99999999999D")]
    [InlineData("set", "now", "0001-01-01T00:00:00Z")]
    [InlineData("set", "now", "2100-01-01T00:00:00Z")]
    public async Task A_clock_move_out_of_range_is_refused_and_the_clock_stays(string move, string field, string value)
    {
        using var app = new EmulatorApp();
        var api = app.Seller();
        var before = (string)(await api.Get("/__admin/clock")).Is(HttpStatusCode.OK)["now"]!;

        (await api.Post($"/__admin/clock/{move}", new Dictionary<string, string> { [field] = value })).IsError(400, 1);

        Assert.Equal(before, (string)(await api.Get("/__admin/clock")).Is(HttpStatusCode.OK)["now"]!);
        (await api.Get("/__admin/state")).Is(HttpStatusCode.OK);
        (await api.Get("/v1/payments/search")).Is(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("NOW-99999999999DAYS")]
    [InlineData("NOW-2147483647YEARS")]
    [InlineData("NOW+2000000MONTHS")]
    public async Task A_relative_search_date_out_of_range_is_a_400(string begin)
    {
        using var app = new EmulatorApp();
        (await app.Seller().Get($"/v1/payments/search?begin_date={begin}")).IsError(400, 1001);
    }

    [Fact]
    public async Task A_payment_expiring_in_year_one_is_refused()
    {
        using var app = new EmulatorApp();
        (await app.Seller().Post("/v1/payments", new
        {
            transaction_amount = 10, payment_method_id = "pix", date_of_expiration = "0001-01-01T00:00:00Z",
            payer = new { email = "test_payer_1@testuser.com" },
        })).IsError(400, 23);
    }
}
