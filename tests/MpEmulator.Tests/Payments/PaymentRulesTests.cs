using MpEmulator.Cards;
using MpEmulator.CardTokens;
using MpEmulator.Catalog;
using MpEmulator.Infrastructure;
using MpEmulator.Payments;

namespace MpEmulator.Tests.Payments;

/// <summary>The pure state machine: no server, no store, time given explicitly.</summary>
public sealed class PaymentRulesTests
{
    static readonly DateTimeOffset Now = A.Now;

    public static readonly string[] Statuses =
        ["pending", "in_process", "authorized", "approved", "in_mediation", "rejected", "cancelled", "refunded", "charged_back"];

    [Fact]
    public void Every_status_of_the_contract_has_an_entry_in_the_allowed_table()
    {
        foreach (var status in Statuses) Assert.True(PaymentRules.Allowed.ContainsKey(status), $"{status} is missing");
        Assert.Equal(Statuses.Order(), PaymentRules.Allowed.Keys.Order());
    }

    [Theory]
    [InlineData("rejected")]
    [InlineData("cancelled")]
    [InlineData("refunded")]
    [InlineData("charged_back")]
    public void Final_statuses_allow_no_action(string status) => Assert.Empty(PaymentRules.Allowed[status]);

    public static TheoryData<string, PaymentAction, string> Table => new()
    {
        { "pending", PaymentAction.Capture, "2018" },
        { "pending", PaymentAction.Cancel, "cancelled/by_collector" },
        { "pending", PaymentAction.Refund, "2063" },
        { "pending", PaymentAction.ChangeExpiration, "pending/pending_waiting_transfer" },
        { "in_process", PaymentAction.Capture, "2018" },
        { "in_process", PaymentAction.Cancel, "cancelled/by_collector" },
        { "in_process", PaymentAction.Refund, "2063" },
        { "in_process", PaymentAction.ChangeExpiration, "2018" },
        { "authorized", PaymentAction.Capture, "approved/accredited" },
        { "authorized", PaymentAction.Cancel, "cancelled/by_collector" },
        { "authorized", PaymentAction.Refund, "2063" },
        { "authorized", PaymentAction.ChangeExpiration, "2018" },
        { "approved", PaymentAction.Capture, "2018" },
        { "approved", PaymentAction.Cancel, "2018" },
        { "approved", PaymentAction.Refund, "refunded/refunded" },
        { "approved", PaymentAction.ChangeExpiration, "2018" },
        { "in_mediation", PaymentAction.Capture, "2018" },
        { "in_mediation", PaymentAction.Cancel, "2018" },
        { "in_mediation", PaymentAction.Refund, "2063" },
        { "in_mediation", PaymentAction.ChangeExpiration, "2018" },
        { "rejected", PaymentAction.Capture, "2018" },
        { "rejected", PaymentAction.Cancel, "2018" },
        { "rejected", PaymentAction.Refund, "2063" },
        { "rejected", PaymentAction.ChangeExpiration, "2018" },
        { "cancelled", PaymentAction.Capture, "2018" },
        { "cancelled", PaymentAction.Cancel, "2018" },
        { "cancelled", PaymentAction.Refund, "2063" },
        { "cancelled", PaymentAction.ChangeExpiration, "2018" },
        { "refunded", PaymentAction.Capture, "2018" },
        { "refunded", PaymentAction.Cancel, "2018" },
        { "refunded", PaymentAction.Refund, "2063" },
        { "refunded", PaymentAction.ChangeExpiration, "2018" },
        { "charged_back", PaymentAction.Capture, "2018" },
        { "charged_back", PaymentAction.Cancel, "2018" },
        { "charged_back", PaymentAction.Refund, "2063" },
        { "charged_back", PaymentAction.ChangeExpiration, "2018" },
    };

    [Fact]
    public void The_transition_table_below_covers_every_status_and_every_action()
    {
        var rows = Table.Select(r => ((string)r[0], (PaymentAction)r[1])).ToHashSet();
        foreach (var status in PaymentRules.Allowed.Keys)
            foreach (var action in Enum.GetValues<PaymentAction>())
                Assert.Contains((status, action), rows);
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_action_in_each_status_gives_the_contract_result(string status, PaymentAction action, string expected)
    {
        var payment = A.Payment(status);
        Assert.Equal(status, payment.Status);
        var site = A.Site();
        var later = Now.AddMinutes(5);
        Outcome<Payment> outcome = action switch
        {
            PaymentAction.Capture => PaymentRules.Capture(payment, null, later, site, A.Economics),
            PaymentAction.Cancel => PaymentRules.Cancel(payment, later),
            PaymentAction.Refund => RefundedPayment(PaymentRules.Refund(payment, null, 77, later, site)),
            _ => PaymentRules.ChangeExpiration(payment, later.AddDays(2), later),
        };
        var actual = outcome.IsError ? outcome.Error!.Code!.ToJsonString() : $"{outcome.Value!.Status}/{outcome.Value.StatusDetail}";
        Assert.Equal(expected, actual);
        if (!outcome.IsError) Assert.Equal(later, outcome.Value!.DateLastUpdated);
    }

    static Outcome<Payment> RefundedPayment(Outcome<(Payment Payment, Refund Refund)> outcome) =>
        outcome.IsError ? outcome.Error! : outcome.Value.Payment;

    [Fact]
    public void A_refused_action_reports_http_400()
    {
        var error = PaymentRules.Capture(A.Payment("approved"), null, Now, A.Site(), A.Economics).Error!;
        Assert.Equal(400, error.Status);
        Assert.Equal("bad_request", error.Error);
    }

    [Fact]
    public void Capturing_part_of_an_authorization_keeps_exact_cents()
    {
        var authorized = A.Payment("authorized", amount: 100.10m);
        var captured = PaymentRules.Capture(authorized, 33.33m, Now.AddHours(1), A.Site(), A.Economics).Unwrap();

        Assert.Equal(33.33m, captured.TransactionAmount);
        Assert.True(captured.Captured);
        Assert.Equal(Now.AddHours(1), captured.DateApproved);
        var fee = Assert.Single(captured.FeeDetails);
        Assert.Equal("mercadopago_fee", fee.Type);
        Assert.Equal(1.67m, fee.Amount); // 33.33 × 0.05 = 1.6665, rounded half away from zero
        Assert.Equal(31.66m, captured.TransactionDetails.NetReceivedAmount);
        Assert.Equal(33.33m, captured.TransactionDetails.TotalPaidAmount);
        Assert.Equal(33.33m, captured.TransactionDetails.InstallmentAmount);
        Assert.Equal("approved", captured.Status);
        Assert.Null(captured.AuthorizationExpiresAt);
    }

    [Fact]
    public void Capturing_the_whole_authorization_when_no_amount_is_given()
    {
        var captured = PaymentRules.Capture(A.Payment("authorized", amount: 100.10m), null, Now, A.Site(), A.Economics).Unwrap();
        Assert.Equal(100.10m, captured.TransactionAmount);
        Assert.Equal(5.01m, captured.FeeDetails[0].Amount); // 5.005 rounds up
        Assert.Equal(95.09m, captured.TransactionDetails.NetReceivedAmount);
    }

    [Theory]
    [InlineData("100.11")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("33.333")]
    public void Capturing_more_than_authorized_or_a_bad_amount_is_2017(string amount)
    {
        var outcome = PaymentRules.Capture(A.Payment("authorized", amount: 100.10m), decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture),
            Now, A.Site(), A.Economics);
        Assert.Equal("2017", outcome.Error!.Code!.ToJsonString());
    }

    [Fact]
    public void A_refund_larger_than_what_remains_is_2017()
    {
        var site = A.Site();
        var (partly, _) = PaymentRules.Refund(A.Payment("approved", amount: 100m), 60m, 1, Now, site).Unwrap();
        Assert.Equal(40m, partly.TransactionAmount - partly.TransactionAmountRefunded);

        Assert.Equal("2017", PaymentRules.Refund(partly, 40.01m, 2, Now, site).Error!.Code!.ToJsonString());
        Assert.Equal("2017", PaymentRules.Refund(partly, 0m, 2, Now, site).Error!.Code!.ToJsonString());
        Assert.False(PaymentRules.Refund(partly, 40m, 2, Now, site).IsError);
    }

    [Fact]
    public void Partial_refunds_that_reach_the_total_make_the_payment_refunded_without_decimal_drift()
    {
        var site = A.Site();
        var payment = A.Payment("approved", amount: 1m);

        var (first, refund1) = PaymentRules.Refund(payment, 0.1m, 1, Now, site).Unwrap();
        Assert.Equal(("approved", "partially_refunded"), (first.Status, first.StatusDetail));
        Assert.Equal(0.1m, first.TransactionAmountRefunded);
        Assert.Equal(0.1m, refund1.Amount);
        Assert.Equal(payment.Id, refund1.PaymentId);

        var (second, _) = PaymentRules.Refund(first, 0.2m, 2, Now, site).Unwrap();
        Assert.Equal(("approved", "partially_refunded"), (second.Status, second.StatusDetail));
        Assert.Equal(0.3m, second.TransactionAmountRefunded);

        var (third, _) = PaymentRules.Refund(second, 0.7m, 3, Now, site).Unwrap();
        Assert.Equal(("refunded", "refunded"), (third.Status, third.StatusDetail));
        Assert.Equal(1m, third.TransactionAmountRefunded);
        Assert.Equal([1L, 2L, 3L], third.Refunds.Select(r => r.Id));
        Assert.Equal("2063", PaymentRules.Refund(third, 0.01m, 4, Now, site).Error!.Code!.ToJsonString());
    }

    [Fact]
    public void A_full_refund_without_amount_refunds_what_remains()
    {
        var site = A.Site();
        var (partly, _) = PaymentRules.Refund(A.Payment("approved", amount: 100.10m), 33.33m, 1, Now, site).Unwrap();
        var (full, refund) = PaymentRules.Refund(partly, null, 2, Now, site).Unwrap();
        Assert.Equal(66.77m, refund.Amount);
        Assert.Equal(("refunded", "refunded"), (full.Status, full.StatusDetail));
        Assert.Equal(100.10m, full.TransactionAmountRefunded);
    }

    [Fact]
    public void The_twenty_first_refund_of_a_payment_is_2022()
    {
        var site = A.Site();
        var payment = A.Payment("approved", amount: 100m);
        for (var i = 1; i <= 20; i++) payment = PaymentRules.Refund(payment, 1m, i, Now, site).Unwrap().Payment;
        Assert.Equal(20, payment.Refunds.Count);
        Assert.Equal("partially_refunded", payment.StatusDetail);

        Assert.Equal("2022", PaymentRules.Refund(payment, 1m, 21, Now, site).Error!.Code!.ToJsonString());
        Assert.Equal("2022", PaymentRules.Refund(payment, null, 21, Now, site).Error!.Code!.ToJsonString());
    }

    [Fact]
    public void Peru_refuses_partial_refunds_with_3024_but_refunds_in_full()
    {
        var site = A.Site("MPE");
        Assert.False(site.PartialRefunds);
        var payment = A.Payment("approved", amount: 100m, site: "MPE");

        Assert.Equal("3024", PaymentRules.Refund(payment, 40m, 1, Now, site).Error!.Code!.ToJsonString());
        var (full, _) = PaymentRules.Refund(payment, null, 1, Now, site).Unwrap();
        Assert.Equal("refunded", full.Status);
        Assert.False(PaymentRules.Refund(payment, 100m, 1, Now, site).IsError);
    }

    [Theory]
    [InlineData("MLB", 180)]
    [InlineData("MLA", 360)]
    [InlineData("MPE", 90)]
    public void A_refund_after_the_sites_refund_window_is_2024(string siteId, int days)
    {
        var site = A.Site(siteId);
        Assert.Equal(days, site.RefundDays);
        var payment = A.Payment("approved", site: siteId);

        Assert.False(PaymentRules.Refund(payment, null, 1, Now.AddDays(days), site).IsError);
        Assert.Equal("2024", PaymentRules.Refund(payment, null, 1, Now.AddDays(days).AddSeconds(1), site).Error!.Code!.ToJsonString());
    }

    [Theory]
    [InlineData("MLB", 5)]
    [InlineData("MLA", 7)]
    [InlineData("MPE", 22)]
    public void An_uncaptured_authorization_lapses_after_the_sites_authorization_days(string siteId, int days)
    {
        Assert.Equal(days, A.Site(siteId).AuthorizationDays);
        var authorized = A.Payment("authorized", site: siteId);
        var deadline = Now.AddDays(days);

        var before = PaymentRules.PassTime(authorized, deadline.AddSeconds(-1));
        Assert.Equal(("authorized", "pending_capture"), (before.Status, before.StatusDetail));

        var after = PaymentRules.PassTime(authorized, deadline.AddSeconds(1));
        Assert.Equal(("cancelled", "expired"), (after.Status, after.StatusDetail));
        Assert.False(after.Captured);
        Assert.Equal(deadline, after.DateLastUpdated);
        Assert.Equal("2018", PaymentRules.Capture(after, null, deadline.AddSeconds(1), A.Site(siteId), A.Economics).Error!.Code!.ToJsonString());
    }

    [Fact]
    public void A_pending_pix_lapses_once_its_date_of_expiration_passes()
    {
        var pix = A.Payment("pending");
        Assert.Equal(Now.AddHours(24), pix.DateOfExpiration);

        Assert.Equal("pending", PaymentRules.PassTime(pix, Now.AddHours(24).AddSeconds(-1)).Status);
        var expired = PaymentRules.PassTime(pix, Now.AddHours(25));
        Assert.Equal(("cancelled", "expired"), (expired.Status, expired.StatusDetail));
        Assert.Equal(Now.AddHours(24), expired.DateLastUpdated);
    }

    [Fact]
    public void A_new_expiration_date_moves_the_pix_deadline()
    {
        var pix = A.Payment("pending");
        var moved = PaymentRules.ChangeExpiration(pix, Now.AddDays(3), Now.AddHours(1)).Unwrap();
        Assert.Equal("pending", PaymentRules.PassTime(moved, Now.AddHours(30)).Status);
        Assert.Equal("cancelled", PaymentRules.PassTime(moved, Now.AddDays(3)).Status);
    }

    [Fact]
    public void Approved_money_is_released_after_the_release_days()
    {
        var approved = A.Payment("approved", economics: new Economics(0.05m, 14));
        Assert.Equal(Now.AddDays(14), approved.MoneyReleaseDate);
        Assert.Equal("pending", approved.MoneyReleaseStatus);

        Assert.Equal("pending", PaymentRules.PassTime(approved, Now.AddDays(14).AddSeconds(-1)).MoneyReleaseStatus);
        var released = PaymentRules.PassTime(approved, Now.AddDays(14));
        Assert.Equal("released", released.MoneyReleaseStatus);
        Assert.Equal(("approved", "accredited"), (released.Status, released.StatusDetail));
    }

    [Fact]
    public void Time_does_nothing_to_a_rejected_payment()
    {
        var rejected = A.Payment("rejected");
        Assert.Same(rejected, PaymentRules.PassTime(rejected, Now.AddYears(1)));
    }

    [Theory]
    [InlineData(1, 100.00, 0, 100.00)]
    [InlineData(4, 108.17, 8.17, 27.04)]
    [InlineData(12, 123.19, 23.19, 10.27)]
    public void Approval_in_installments_adds_the_sites_financing_rate_and_takes_the_fee(int installments, double total,
        double financing, double perInstallment)
    {
        var site = A.Site("MLB");
        var rate = site.InstallmentRates[installments.ToString()];
        var payment = A.Payment("approved", amount: 100m, installments: installments);

        Assert.Equal(installments, payment.Installments);
        Assert.Equal(PaymentRules.Round(100m * (1 + rate / 100), site), payment.TransactionDetails.TotalPaidAmount);
        Assert.Equal((decimal)total, payment.TransactionDetails.TotalPaidAmount);
        Assert.Equal((decimal)perInstallment, payment.TransactionDetails.InstallmentAmount);
        Assert.Equal(100m, payment.TransactionAmount);
        Assert.Equal(5m, payment.FeeDetails.Single(f => f.Type == "mercadopago_fee").Amount);
        Assert.Equal("collector", payment.FeeDetails.Single(f => f.Type == "mercadopago_fee").FeePayer);
        Assert.Equal(95m, payment.TransactionDetails.NetReceivedAmount);
        var financingFee = payment.FeeDetails.SingleOrDefault(f => f.Type == "financing_fee");
        if (financing == 0) Assert.Null(financingFee);
        else
        {
            Assert.Equal((decimal)financing, financingFee!.Amount);
            Assert.Equal("payer", financingFee.FeePayer);
        }
    }

    [Fact]
    public void Installments_use_each_sites_own_rates()
    {
        var mla = A.Payment("approved", amount: 100m, site: "MLA", installments: 3);
        Assert.Equal(119.72m, mla.TransactionDetails.TotalPaidAmount);
        Assert.Equal(39.91m, mla.TransactionDetails.InstallmentAmount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void Installments_outside_the_sites_table_are_4033(int installments)
    {
        var site = A.Site();
        var error = Assert.Throws<MpException>(() => PaymentRules.CheckInstallments(installments, site.Method("master")!, site));
        Assert.Equal("4033", error.Error.Code!.ToJsonString());
    }

    [Fact]
    public void A_debit_card_pays_in_one_installment_only()
    {
        var site = A.Site();
        Assert.Equal(1, PaymentRules.CheckInstallments(1, site.Method("debelo")!, site));
        var error = Assert.Throws<MpException>(() => PaymentRules.CheckInstallments(2, site.Method("debelo")!, site));
        Assert.Equal("4033", error.Error.Code!.ToJsonString());
    }

    [Fact]
    public void A_saved_card_token_without_its_security_code_cannot_pay()
    {
        var withoutCvv = A.Token("APRO") with { CardId = "1234567890123", SecurityCodeGiven = false };
        var error = Assert.Throws<MpException>(() => A.Create(A.Site(), A.Site().Method("master")!, withoutCvv));
        Assert.Equal("3031", error.Error.Code!.ToJsonString());

        var withCvv = withoutCvv with { SecurityCodeGiven = true };
        Assert.Equal("approved", A.Create(A.Site(), A.Site().Method("master")!, withCvv).Status);
        Assert.Equal("1234567890123", A.Create(A.Site(), A.Site().Method("master")!, withCvv).Card!.Id);
    }

    [Theory]
    [InlineData("100.0", true)]
    [InlineData("100.12", true)]
    [InlineData("100.123", false)]
    [InlineData("0", false)]
    [InlineData("-5", false)]
    public void Amounts_have_at_most_the_currencys_decimals_and_are_positive(string amount, bool valid)
    {
        var site = A.Site();
        var value = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);
        if (valid) Assert.Equal(value, PaymentRules.CheckAmount(value, site.Method("master")!, site));
        else Assert.Equal("4037", Assert.Throws<MpException>(() => PaymentRules.CheckAmount(value, site.Method("master")!, site)).Error.Code!.ToJsonString());
    }
}

/// <summary>Builds payments in any status through the real rules (create, then capture/cancel/refund as needed).</summary>
static class A
{
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 15, 0, 0, TimeSpan.Zero);
    public static readonly Economics Economics = new(0.05m, 0);
    static readonly Catalogs Catalogs = new();
    static long nextId = 1_000;

    public static SiteCatalog Site(string id = "MLB") => Catalogs.For(id);

    public static Payment Payment(string status, decimal amount = 100m, string site = "MLB", int installments = 1,
        Economics? economics = null)
    {
        var catalog = Site(site);
        var e = economics ?? Economics;
        return status switch
        {
            "approved" => Card(catalog, "APRO", amount, installments, capture: true, e),
            "authorized" => Card(catalog, "APRO", amount, installments, capture: false, e),
            "in_process" => Card(catalog, "CONT", amount, installments, capture: true, e),
            "rejected" => Card(catalog, "OTHE", amount, installments, capture: true, e),
            "pending" => Create(catalog, catalog.PaymentMethods.First(m => m.PaymentTypeId == "bank_transfer"), null, amount, 1, true, e),
            "cancelled" => PaymentRules.Cancel(Payment("authorized", amount, site), Now).Unwrap(),
            "refunded" => PaymentRules.Refund(Payment("approved", amount, site), null, 1, Now, catalog).Unwrap().Payment,
            "in_mediation" => Payment("approved", amount, site) with { Status = "in_mediation", StatusDetail = "pending" },
            "charged_back" => Payment("approved", amount, site) with { Status = "charged_back", StatusDetail = "settled" },
            _ => throw new ArgumentException(status),
        };
    }

    static Payment Card(SiteCatalog site, string holder, decimal amount, int installments, bool capture, Economics economics)
    {
        var method = site.Method("master")!;
        return Create(site, method, Token(holder), amount, installments, capture, economics);
    }

    /// <summary>A token for a card typed in with its security code, as the checkout form makes it.</summary>
    public static CardToken Token(string holder) => new()
    {
        Id = "0123456789abcdef0123456789abcdef", PaymentMethodId = "master", FirstSixDigits = "503143", LastFourDigits = "6351",
        ExpirationMonth = 11, ExpirationYear = 2030, Cardholder = new Cardholder { Name = holder }, SecurityCodeGiven = true,
        DateCreated = Now, DateLastUpdated = Now, DateDue = Now.AddDays(7),
    };

    public static Payment Create(SiteCatalog site, PaymentMethod method, CardToken? token, decimal amount = 100m, int installments = 1,
        bool capture = true, Economics? economics = null) =>
        PaymentRules.Create(new NewPayment
        {
            Request = new PaymentRequest
            {
                TransactionAmount = amount, Installments = installments, Capture = capture,
                Payer = new PayerRequest { Email = "test_user_1@testuser.com" },
            },
            Seller = new Seller(123456789, site.SiteId, null, null, null, null),
            Site = site,
            Method = method,
            Token = token,
            Id = Interlocked.Increment(ref nextId),
            Economics = economics ?? Economics,
            Now = Now,
            AuthorizationCode = token is null ? null : "123456",
            Instructions = token is null ? new PaymentInstructions("qr", "iVBOR", "https://example.test/ticket", null) : null,
        });
}
