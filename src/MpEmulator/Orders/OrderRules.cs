using System.Globalization;
using MpEmulator.Payments;

namespace MpEmulator.Orders;

/// <summary>What an order and its transactions show, read from the payments charged for them. No HTTP, no storage.</summary>
public static class OrderRules
{
    /// <summary>The Orders API's name for a rejected card payment's reason (vocabulary of MP's order simulation docs).</summary>
    public static readonly IReadOnlyDictionary<string, string> FailedDetail = new Dictionary<string, string>
    {
        ["cc_rejected_insufficient_amount"] = "insufficient_amount",
        ["cc_rejected_call_for_authorize"] = "required_call_for_authorize",
        ["cc_rejected_bad_filled_security_code"] = "bad_filled_card_data",
        ["cc_rejected_bad_filled_date"] = "bad_filled_card_data",
        ["cc_rejected_bad_filled_other"] = "bad_filled_card_data",
        ["cc_rejected_bad_filled_card_number"] = "bad_filled_card_data",
        ["cc_rejected_invalid_installments"] = "invalid_installments",
        ["cc_rejected_card_disabled"] = "card_disabled",
        ["cc_rejected_max_attempts"] = "max_attempts_exceeded",
        ["cc_rejected_blacklist"] = "high_risk",
        ["cc_rejected_high_risk"] = "high_risk",
    };

    /// <summary>A transaction's status and detail: <c>created</c> until charged, then as its payment stands.</summary>
    public static (string Status, string Detail) Of(Order order, Payment? payment)
    {
        if (payment is null) return order.Cancelled ? ("cancelled", "cancelled_transaction") : ("created", "created");
        return payment.Status switch
        {
            "approved" => ("processed", payment.TransactionAmountRefunded > 0 ? "partially_refunded" : "accredited"),
            "refunded" => ("refunded", "refunded"),
            "authorized" => ("action_required", "waiting_capture"),
            "pending" => ("action_required", payment.PaymentTypeId == "bank_transfer" ? "waiting_transfer" : "waiting_payment"),
            "in_process" => ("processing", payment.StatusDetail == "pending_review_manual" ? "pending_review_manual" : "in_process"),
            "rejected" => ("failed", FailedDetail.GetValueOrDefault(payment.StatusDetail, "rejected_other_reason")),
            "cancelled" => payment.StatusDetail == "expired" ? ("expired", "expired") : ("cancelled", "cancelled_transaction"),
            "in_mediation" => ("processed", "in_mediation"),
            _ => ("charged_back", "charged_back"),
        };
    }

    /// <summary>The order's status and detail from its transaction's (an order carries one payment).</summary>
    public static (string Status, string Detail) Of(Order order, IReadOnlyList<Payment?> payments)
    {
        var (status, detail) = payments.Count == 0 ? Of(order, (Payment?)null) : Of(order, payments[0]);
        return status switch
        {
            "processed" or "action_required" or "created" or "refunded" or "expired" or "charged_back" => (status, detail),
            "processing" => (status, "in_process"),
            "failed" => ("failed", "failed"),
            _ => ("cancelled", "cancelled"),
        };
    }

    public static bool CanCancel(Order order, IReadOnlyList<Payment?> payments) =>
        Of(order, payments).Status is "created" or "action_required";

    public static bool CanCapture(Order order, IReadOnlyList<Payment?> payments) =>
        Of(order, payments) is ("action_required", "waiting_capture");

    public static bool CanProcess(Order order) => order is { ProcessingMode: "manual", Processed: false, Cancelled: false };

    public static bool CanChangeTransactions(Order order) => CanProcess(order);

    public static bool CanRefund(Order order, IReadOnlyList<Payment?> payments) => Of(order, payments).Status == "processed";

    /// <summary>Amounts as Mercado Pago writes them in orders: a decimal string with the currency's decimals.</summary>
    public static string Amount(decimal amount, int decimals) =>
        Math.Round(amount, decimals).ToString("F" + decimals, CultureInfo.InvariantCulture);

    /// <summary>ISO 3166-1 alpha-3 country of a site (the SDKs' <c>country_code</c>).</summary>
    public static string CountryOf(string site) => site switch
    {
        "MLA" => "ARG", "MLM" => "MEX", "MLC" => "CHL", "MCO" => "COL", "MPE" => "PER", "MLU" => "URY", _ => "BRA",
    };

    const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A Mercado Pago order-style id: a prefix (<c>ORD</c>, <c>PAY</c>, <c>REF</c>) and a ULID, time first.</summary>
    public static string Id(string prefix, DateTimeOffset now, Func<int, int> random)
    {
        var chars = new char[26];
        var ms = now.ToUnixTimeMilliseconds();
        for (var i = 9; i >= 0; i--, ms >>= 5) chars[i] = Crockford[(int)(ms & 31)];
        for (var i = 10; i < 26; i++) chars[i] = Crockford[random(32)];
        return prefix + new string(chars);
    }
}
