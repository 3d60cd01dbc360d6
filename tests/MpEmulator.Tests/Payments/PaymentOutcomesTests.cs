using System.Net;
using MpEmulator.Payments;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Payments;

public sealed class PaymentOutcomesTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    /// <summary>Contract §9.1: every sandbox cardholder name, plus a name the sandbox does not know.</summary>
    public static TheoryData<string, string, string> Cardholders => new()
    {
        { "APRO", "approved", "accredited" },
        { "CONT", "in_process", "pending_contingency" },
        { "OTHE", "rejected", "cc_rejected_other_reason" },
        { "CALL", "rejected", "cc_rejected_call_for_authorize" },
        { "FUND", "rejected", "cc_rejected_insufficient_amount" },
        { "SECU", "rejected", "cc_rejected_bad_filled_security_code" },
        { "EXPI", "rejected", "cc_rejected_bad_filled_date" },
        { "FORM", "rejected", "cc_rejected_bad_filled_other" },
        { "CARD", "rejected", "cc_rejected_bad_filled_card_number" },
        { "INST", "rejected", "cc_rejected_invalid_installments" },
        { "DUPL", "rejected", "cc_rejected_duplicated_payment" },
        { "LOCK", "rejected", "cc_rejected_card_disabled" },
        { "CTNA", "rejected", "cc_rejected_card_type_not_allowed" },
        { "ATTE", "rejected", "cc_rejected_max_attempts" },
        { "BLAC", "rejected", "cc_rejected_blacklist" },
        { "UNSU", "rejected", "cc_rejected_other_reason" },
        { "TEST", "approved", "accredited" },
        { "Maria Silva", "approved", "accredited" },
    };

    [Fact]
    public void The_table_covers_all_seventeen_sandbox_names()
    {
        Assert.Equal(17, PaymentOutcomes.ByCardholder.Count);
        var tested = Cardholders.Select(r => (string)r[0]).ToHashSet();
        Assert.Subset(tested, PaymentOutcomes.ByCardholder.Keys.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Cardholders))]
    public void Each_cardholder_name_decides_the_outcome(string holder, string status, string detail) =>
        Assert.Equal((status, detail), PaymentOutcomes.ForCard(holder, capture: true, binaryMode: false));

    [Fact]
    public void Names_are_matched_ignoring_case_and_surrounding_spaces() =>
        Assert.Equal(("rejected", "cc_rejected_insufficient_amount"), PaymentOutcomes.ForCard(" fund ", true, false));

    [Fact]
    public void Binary_mode_turns_a_pending_contingency_into_a_rejection()
    {
        Assert.Equal(("rejected", "cc_rejected_other_reason"), PaymentOutcomes.ForCard("CONT", capture: true, binaryMode: true));
        Assert.Equal(("approved", "accredited"), PaymentOutcomes.ForCard("APRO", capture: true, binaryMode: true));
        Assert.Equal(("rejected", "cc_rejected_insufficient_amount"), PaymentOutcomes.ForCard("FUND", capture: true, binaryMode: true));
    }

    [Theory]
    [InlineData("APRO")]
    [InlineData("TEST")]
    [InlineData("Maria Silva")]
    public void Without_capture_an_approval_is_an_authorization(string holder) =>
        Assert.Equal(("authorized", "pending_capture"), PaymentOutcomes.ForCard(holder, capture: false, binaryMode: false));

    [Theory]
    [InlineData("FUND", "rejected")]
    [InlineData("CONT", "in_process")]
    public void Without_capture_a_non_approval_keeps_its_outcome(string holder, string status) =>
        Assert.Equal(status, PaymentOutcomes.ForCard(holder, capture: false, binaryMode: false).Status);

    [Theory]
    [MemberData(nameof(Cardholders))]
    public async Task Paying_with_a_token_of_each_cardholder_answers_201_with_that_status(string holder, string status, string detail)
    {
        var api = app.Seller();
        var reply = (await Pay.Card(api, holder)).Is(HttpStatusCode.Created);

        Assert.Equal(status, (string)reply["status"]!);
        Assert.Equal(detail, (string)reply["status_detail"]!);
        Assert.Equal(holder, (string)reply["card"]!["cardholder"]!["name"]!);
        Assert.Equal(status == "approved", reply["date_approved"] is not null);
        Assert.Equal(status == "approved" ? "mercadopago_fee" : null, (string?)reply["fee_details"]!.AsArray().FirstOrDefault()?["type"]);
        var stored = (await api.Get($"/v1/payments/{reply.Id()}")).Is(HttpStatusCode.OK);
        Assert.Equal(status, (string)stored["status"]!);
    }

    [Fact]
    public async Task A_call_for_authorize_rejection_carries_a_call_for_authorize_id()
    {
        var reply = (await Pay.Card(app.Seller(), "CALL")).Is(HttpStatusCode.Created);
        Assert.False(string.IsNullOrEmpty((string?)reply["call_for_authorize_id"]));
        Assert.Null(reply["authorization_code"]);
    }

    [Fact]
    public async Task Binary_mode_over_http_rejects_a_contingency()
    {
        var api = app.Seller();
        var body = Pay.CardBody(await api.CardToken("CONT"));
        body["binary_mode"] = true;
        var reply = (await api.Post("/v1/payments", body)).Is(HttpStatusCode.Created);
        Assert.Equal("rejected", (string)reply["status"]!);
        Assert.Equal("cc_rejected_other_reason", (string)reply["status_detail"]!);
        Assert.True((bool)reply["binary_mode"]!);
    }

    [Fact]
    public async Task Capture_false_over_http_authorizes_without_approving()
    {
        var reply = (await Pay.Card(app.Seller(), "APRO", capture: false)).Is(HttpStatusCode.Created);
        Assert.Equal("authorized", (string)reply["status"]!);
        Assert.Equal("pending_capture", (string)reply["status_detail"]!);
        Assert.False((bool)reply["captured"]!);
        Assert.Null(reply["date_approved"]);
        Assert.Null(reply["money_release_date"]);
    }
}
