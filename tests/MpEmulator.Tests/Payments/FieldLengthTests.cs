using System.Net;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Payments;

/// <summary>Mercado Pago's own length limits (issue 13, item 4): an over-long field is refused in the envelope and
/// creates nothing; a value at the limit is kept whole.</summary>
public sealed class FieldLengthTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    [Theory]
    [InlineData("external_reference", 256)]
    [InlineData("statement_descriptor", 22)]
    public async Task A_field_over_its_limit_is_refused_and_one_at_the_limit_is_kept(string field, int max)
    {
        var api = app.Seller();
        var body = Pay.CardBody(await api.CardToken());
        body[field] = new string('x', max + 1);
        var refused = await api.Post("/v1/payments", body);
        refused.IsError(400, 1);
        Assert.Contains($"{field} attribute must be at most {max} characters", refused.Body);
        Assert.Equal(0, (int)(await api.Get("/v1/payments/search"))["paging"]!["total"]!);

        body = Pay.CardBody(await api.CardToken());
        body[field] = new string('x', max);
        Assert.Equal(new string('x', max), (string)(await api.Post("/v1/payments", body)).Is(HttpStatusCode.Created)[field]!);
    }

    [Fact]
    public async Task A_payer_email_over_254_characters_answers_4051()
    {
        var api = app.Seller();
        var body = Pay.CardBody(await api.CardToken());
        body["payer"] = new { email = new string('a', 250) + "@b.com" };
        (await api.Post("/v1/payments", body)).IsError(400, 4051);
    }

    [Fact]
    public async Task Customer_fields_over_their_limits_answer_the_customer_codes()
    {
        var api = app.Seller();
        (await api.Post("/v1/customers", new { email = new string('a', 250) + "@b.com" })).IsError(400, "106");
        (await api.Post("/v1/customers", new { email = "len@example.com", first_name = new string('a', 101) })).IsError(400, "104");
        (await api.Post("/v1/customers", new { email = "len@example.com", description = new string('a', 1001) })).IsError(400, "104");
        Assert.Equal(0, (int)(await api.Get("/v1/customers/search?email=len@example.com"))["paging"]!["total"]!);
    }
}
