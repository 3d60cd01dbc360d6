namespace MpEmulator.Payments;

/// <summary>Mercado Pago's sandbox test cardholder names and the result each one produces.</summary>
public static class PaymentOutcomes
{
    public static readonly IReadOnlyDictionary<string, (string Status, string Detail)> ByCardholder =
        new Dictionary<string, (string, string)>
        {
            ["APRO"] = ("approved", "accredited"),
            ["CONT"] = ("in_process", "pending_contingency"),
            ["OTHE"] = ("rejected", "cc_rejected_other_reason"),
            ["CALL"] = ("rejected", "cc_rejected_call_for_authorize"),
            ["FUND"] = ("rejected", "cc_rejected_insufficient_amount"),
            ["SECU"] = ("rejected", "cc_rejected_bad_filled_security_code"),
            ["EXPI"] = ("rejected", "cc_rejected_bad_filled_date"),
            ["FORM"] = ("rejected", "cc_rejected_bad_filled_other"),
            ["CARD"] = ("rejected", "cc_rejected_bad_filled_card_number"),
            ["INST"] = ("rejected", "cc_rejected_invalid_installments"),
            ["DUPL"] = ("rejected", "cc_rejected_duplicated_payment"),
            ["LOCK"] = ("rejected", "cc_rejected_card_disabled"),
            ["CTNA"] = ("rejected", "cc_rejected_card_type_not_allowed"),
            ["ATTE"] = ("rejected", "cc_rejected_max_attempts"),
            ["BLAC"] = ("rejected", "cc_rejected_blacklist"),
            ["UNSU"] = ("rejected", "cc_rejected_other_reason"),
            ["TEST"] = ("approved", "accredited"),
        };

    /// <summary>What a card payment becomes. Any name outside the table approves, as the sandbox does. With
    /// <c>binary_mode</c> nothing stays pending: a pending outcome is rejected instead. An approval not to be captured
    /// now is an authorization.</summary>
    public static (string Status, string Detail) ForCard(string? cardholder, bool capture, bool binaryMode)
    {
        var (status, detail) = ByCardholder.GetValueOrDefault(cardholder?.Trim().ToUpperInvariant() ?? "", ("approved", "accredited"));
        if (binaryMode) (status, detail) = Decided(status, detail);
        if (status == "approved" && !capture) return ("authorized", "pending_capture");
        return (status, detail);
    }

    /// <summary><c>binary_mode</c>: a card payment is approved or rejected at once; an outcome that would wait is rejected.</summary>
    public static (string Status, string Detail) Decided(string status, string detail) =>
        status is "in_process" or "pending" ? ("rejected", "cc_rejected_other_reason") : (status, detail);
}
