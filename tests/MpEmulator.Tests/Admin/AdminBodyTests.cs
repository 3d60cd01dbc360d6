using System.Net;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Admin;

/// <summary>Rules and fixtures are read like every other body (issue 13, item 5): what is not a JSON object or array of
/// them is a 400 in the envelope, never a 500, and nothing is added.</summary>
public sealed class AdminBodyTests
{
    public static TheoryData<string> BadRules => new()
    {
        "{\"match\":",
        "",
        "{\"id\":\"a\",\"id\":\"b\",\"respond\":{\"status\":\"rejected\"}}",
        string.Concat(Enumerable.Repeat("[", 70)) + string.Concat(Enumerable.Repeat("]", 70)),
        "\"a rule\"",
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public async Task A_rules_body_that_is_not_rules_is_a_400_and_adds_nothing(string body)
    {
        using var app = new EmulatorApp();
        var admin = app.Seller();
        var reply = await admin.Post("/__admin/rules", body.Length == 0 ? null : body);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(400, (int)reply["status"]!);
        Assert.Empty((await admin.Get("/__admin/rules")).Is(HttpStatusCode.OK).Json!.AsArray());
    }

    [Fact]
    public async Task A_fixture_payment_whose_payer_is_not_an_object_is_a_fixture_problem()
    {
        using var app = new EmulatorApp();
        var token = Sellers.Fresh();
        var reply = await app.Seller().Post("/__admin/fixtures", new
        {
            payments = new[] { new { seller = token, transaction_amount = 10, payment_method_id = "pix", payer = "someone" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("$.payments[0]", reply.Body);
        Assert.Equal(0, (int)(await app.Seller(token).Get("/v1/payments/search")).Is(HttpStatusCode.OK)["paging"]!["total"]!);
    }
}
