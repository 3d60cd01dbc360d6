using MpEmulator.Orders;
using MpEmulator.Payments;

namespace MpEmulator.Tests.Orders;

public sealed class OrderRulesTests
{
    static readonly Order Charged = new() { Processed = true, Payments = [new OrderTransaction { Id = "PAY1", PaymentId = 1 }] };

    [Theory]
    [InlineData("approved", "accredited", 0, "processed", "accredited", "processed", "accredited")]
    [InlineData("approved", "partially_refunded", 25, "processed", "partially_refunded", "processed", "partially_refunded")]
    [InlineData("refunded", "refunded", 200, "refunded", "refunded", "refunded", "refunded")]
    [InlineData("authorized", "pending_capture", 0, "action_required", "waiting_capture", "action_required", "waiting_capture")]
    [InlineData("in_process", "pending_contingency", 0, "processing", "in_process", "processing", "in_process")]
    [InlineData("rejected", "cc_rejected_insufficient_amount", 0, "failed", "insufficient_amount", "failed", "failed")]
    [InlineData("rejected", "cc_rejected_duplicated_payment", 0, "failed", "rejected_other_reason", "failed", "failed")]
    [InlineData("cancelled", "by_collector", 0, "cancelled", "cancelled_transaction", "cancelled", "cancelled")]
    [InlineData("cancelled", "expired", 0, "expired", "expired", "expired", "expired")]
    public void A_payments_status_decides_its_transactions_and_its_orders(string status, string detail, int refunded,
        string transactionStatus, string transactionDetail, string orderStatus, string orderDetail)
    {
        var payment = new Payment { Status = status, StatusDetail = detail, PaymentTypeId = "credit_card", TransactionAmountRefunded = refunded };

        Assert.Equal((transactionStatus, transactionDetail), OrderRules.Of(Charged, payment));
        Assert.Equal((orderStatus, orderDetail), OrderRules.Of(Charged, [payment]));
    }

    [Fact]
    public void Pending_pix_waits_for_a_transfer_and_a_ticket_for_a_payment()
    {
        Assert.Equal(("action_required", "waiting_transfer"), OrderRules.Of(Charged, new Payment { Status = "pending", PaymentTypeId = "bank_transfer" }));
        Assert.Equal(("action_required", "waiting_payment"), OrderRules.Of(Charged, new Payment { Status = "pending", PaymentTypeId = "ticket" }));
    }

    [Fact]
    public void An_order_not_charged_is_created_until_it_is_cancelled()
    {
        var order = new Order { ProcessingMode = "manual", Payments = [new OrderTransaction { Id = "PAY1" }] };
        Assert.Equal(("created", "created"), OrderRules.Of(order, [null]));
        Assert.True(OrderRules.CanProcess(order) && OrderRules.CanCancel(order, [null]));
        var cancelled = order with { Cancelled = true };
        Assert.Equal(("cancelled", "cancelled"), OrderRules.Of(cancelled, [null]));
        Assert.False(OrderRules.CanProcess(cancelled) || OrderRules.CanCancel(cancelled, [null]));
    }

    [Fact]
    public void Ids_are_a_prefix_then_a_ulid_whose_time_part_sorts_by_creation()
    {
        var earlier = OrderRules.Id("ORD", new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.Zero), _ => 31);
        var later = OrderRules.Id("ORD", new DateTimeOffset(2026, 3, 10, 15, 0, 1, TimeSpan.Zero), _ => 0);
        Assert.Matches("^ORD[0-9A-HJKMNP-TV-Z]{26}$", earlier);
        Assert.EndsWith(new string('Z', 16), earlier);
        Assert.True(string.CompareOrdinal(earlier[..13], later[..13]) < 0);
    }

    [Theory]
    [InlineData(200, 2, "200.00")]
    [InlineData(25.5, 2, "25.50")]
    [InlineData(1500, 0, "1500")]
    public void Amounts_are_decimal_strings_with_the_currencys_decimals(decimal amount, int decimals, string expected) =>
        Assert.Equal(expected, OrderRules.Amount(amount, decimals));

    [Fact]
    public void The_country_is_the_sites_iso_alpha_3_code()
    {
        Assert.Equal(["ARG", "BRA", "MEX", "CHL", "COL", "PER", "URY"],
            new[] { "MLA", "MLB", "MLM", "MLC", "MCO", "MPE", "MLU" }.Select(OrderRules.CountryOf));
    }
}
