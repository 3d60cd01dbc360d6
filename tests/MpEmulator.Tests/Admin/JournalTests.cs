using System.Net;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Admin;

public sealed class JournalTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    [Fact]
    public async Task A_refused_request_is_journaled_with_its_status_and_MPs_envelope()
    {
        var api = app.Seller();
        (await api.Post("/v1/payments", new { transaction_amount = -5, payment_method_id = "pix", payer = new { email = "a@b.com" } }))
            .IsError(400, 4037);

        var entry = Assert.Single((await api.Get($"/__admin/requests?path=/v1/payments&seller={api.UserId}")).Json!.AsArray())!;
        Assert.Equal(400, (int)entry["status"]!);
        Assert.Contains("\"cause\"", (string)entry["response_body"]!);
    }
}
