using MpEmulator.CardTokens;
using MpEmulator.Catalog;
using MpEmulator.Customers;
using MpEmulator.Infrastructure;

namespace MpEmulator.Payments;

public enum PaymentAction { Capture, Cancel, Refund, ChangeExpiration }

/// <summary>The Mercado Pago fee taken from approvals and the days until money is released.</summary>
public sealed record Economics(decimal FeeRate, int ReleaseDays)
{
    /// <summary>The seller's own terms where a fixture set them, else the emulator's.</summary>
    public static Economics For(Seller seller, EmulatorOptions options) =>
        new(seller.FeeRate ?? options.FeeRate, seller.ReleaseDays ?? options.ReleaseDays);
}

/// <summary>Everything a new payment is made from, resolved and generated before the rules decide.</summary>
public sealed record NewPayment
{
    public required PaymentRequest Request { get; init; }
    public required Seller Seller { get; init; }
    public required SiteCatalog Site { get; init; }
    public required PaymentMethod Method { get; init; }
    public CardToken? Token { get; init; }
    public Customer? Customer { get; init; }
    public required long Id { get; init; }
    public required Economics Economics { get; init; }
    public required DateTimeOffset Now { get; init; }
    public string? AuthorizationCode { get; init; }
    public PaymentInstructions? Instructions { get; init; }
    public ForcedOutcome? Forced { get; init; }
}

/// <summary>An outcome a scenario rule imposes on the next matching payment, instead of the test card's.</summary>
public sealed record ForcedOutcome(string Status, string? Detail);

/// <summary>How a buyer pays a pending Pix or ticket: QR code and image, ticket URL, barcode.</summary>
public sealed record PaymentInstructions(string? QrCode, string? QrCodeBase64, string TicketUrl, string? Barcode);

/// <summary>The payment state machine and its arithmetic. No HTTP, no storage, no clock: <c>now</c> is given.</summary>
public static class PaymentRules
{
    /// <summary>What each status allows. Statuses with no actions are final.</summary>
    public static readonly IReadOnlyDictionary<string, PaymentAction[]> Allowed = new Dictionary<string, PaymentAction[]>
    {
        ["pending"] = [PaymentAction.Cancel, PaymentAction.ChangeExpiration],
        ["in_process"] = [PaymentAction.Cancel],
        ["authorized"] = [PaymentAction.Capture, PaymentAction.Cancel],
        ["approved"] = [PaymentAction.Refund],
        ["in_mediation"] = [],
        ["rejected"] = [],
        ["cancelled"] = [],
        ["refunded"] = [],
        ["charged_back"] = [],
    };

    public const int MaxRefunds = 20;
    /// <summary>The <c>build_version</c> every payment carries: a string on Mercado Pago (the Node SDK's capture test
    /// requires one); the emulator's own value, since MP's is a build tag of its own.</summary>
    public const string BuildVersion = "3.0.0";
    public static readonly TimeSpan PixLifetime = TimeSpan.FromHours(24);
    public static readonly TimeSpan TicketLifetime = TimeSpan.FromDays(3);

    public static bool Can(Payment p, PaymentAction action) => Allowed.TryGetValue(p.Status, out var a) && a.Contains(action);

    /// <summary>The method a payment uses: the one named, else the card token's brand (2131 when neither).</summary>
    public static PaymentMethod ResolveMethod(string? requested, CardToken? token, SiteCatalog site)
    {
        if (requested is null)
            return token is not null && site.Method(token.PaymentMethodId) is { } inferred
                ? inferred
                : throw PaymentErrors.CannotInferPaymentMethod.Exception();
        var method = site.Method(requested) ?? throw PaymentErrors.InvalidPaymentMethod.Exception();
        if (token is not null && method.Id != token.PaymentMethodId) throw PaymentErrors.InvalidPaymentMethod.Exception();
        return method;
    }

    /// <summary>A positive amount within the method's limits, with no more decimals than the site's currency has
    /// (<c>100.0</c> is fine; <c>100.123</c> is not, nor <c>100.5</c> in Chilean pesos).</summary>
    public static decimal CheckAmount(decimal? amount, PaymentMethod method, SiteCatalog site)
    {
        if (amount is not { } a) throw PaymentErrors.TransactionAmountRequired.Exception();
        if (a <= 0 || Round(a, site) != a || a < method.MinAllowedAmount || a > method.MaxAllowedAmount)
            throw PaymentErrors.InvalidTransactionAmount.Exception();
        return a;
    }

    /// <summary>Cards need installments; debit and prepaid allow one, credit up to the site's table. Others pay in one.</summary>
    public static int CheckInstallments(int? installments, PaymentMethod method, SiteCatalog site)
    {
        if (!method.IsCard) return installments is null or 1 ? 1 : throw PaymentErrors.InvalidInstallments.Exception();
        if (installments is not { } n) throw PaymentErrors.InstallmentsRequired.Exception();
        return n >= 1 && n <= site.MaxInstallments(method) ? n : throw PaymentErrors.InvalidInstallments.Exception();
    }

    public static Payment Create(NewPayment n)
    {
        var (r, site, method, now) = (n.Request, n.Site, n.Method, n.Now);
        if (n.Token is { CardId: not null, SecurityCodeGiven: false }) throw PaymentErrors.SavedCardWithoutSecurityCode.Exception();
        var amount = CheckAmount(r.TransactionAmount, method, site);
        var installments = CheckInstallments(r.Installments, method, site);
        if (method.IsCard && !r.Capture && (method.DeferredCapture != "supported" || site.AuthorizationDays is null))
            throw PaymentErrors.DeferredCaptureNotSupported.Exception();

        var (status, detail) = n.Forced is { } forced ? Forced(forced, r.Capture || !method.IsCard, method.IsCard && r.BinaryMode)
            : method.IsCard ? PaymentOutcomes.ForCard(n.Token?.Cardholder.Name, r.Capture, r.BinaryMode)
            : ("pending", method.PaymentTypeId == "bank_transfer" ? "pending_waiting_transfer" : "pending_waiting_payment");
        var expiration = method.IsCard ? (DateTimeOffset?)null
            : r.DateOfExpiration ?? now + (method.PaymentTypeId == "bank_transfer" ? PixLifetime : TicketLifetime);
        var issuer = r.IssuerId ?? (method.IsCard ? site.DefaultIssuer(method.Id)?.Id : null);
        var payment = new Payment
        {
            OwnerId = n.Seller.Id,
            SiteId = site.SiteId,
            Id = n.Id,
            DateCreated = now,
            DateLastUpdated = now,
            DateOfExpiration = expiration,
            IssuerId = issuer,
            PaymentMethodId = method.Id,
            PaymentTypeId = method.PaymentTypeId,
            PaymentMethod = new PaymentMethodReference { Id = method.Id, Type = method.PaymentTypeId, IssuerId = issuer },
            Status = status,
            StatusDetail = detail,
            CurrencyId = site.CurrencyId,
            Description = r.Description,
            AuthorizationCode = status is "approved" or "authorized" ? n.AuthorizationCode : null,
            CallForAuthorizeId = detail == "cc_rejected_call_for_authorize" ? n.AuthorizationCode : null,
            IntegratorId = r.IntegratorId,
            PlatformId = r.PlatformId,
            CorporationId = r.CorporationId,
            CollectorId = n.Seller.Id,
            Payer = Payer(r.Payer, n.Customer, n.Token),
            Metadata = r.Metadata ?? [],
            AdditionalInfo = r.AdditionalInfo ?? [],
            ExternalReference = r.ExternalReference,
            TransactionAmount = amount,
            CouponAmount = r.CouponAmount ?? 0,
            DifferentialPricingId = r.DifferentialPricingId,
            Installments = installments,
            TransactionDetails = new TransactionDetails
            {
                TotalPaidAmount = amount,
                InstallmentAmount = Round(amount / installments, site),
                ExternalResourceUrl = method.PaymentTypeId is "ticket" or "atm" ? n.Instructions?.TicketUrl : null,
                FinancialInstitution = method.PaymentTypeId == "bank_transfer" ? "1" : null,
                Barcode = n.Instructions?.Barcode is { } code ? new Barcode { Content = code } : null,
                DigitableLine = n.Instructions?.Barcode,
            },
            Captured = status is not "authorized" && r.Capture,
            BinaryMode = r.BinaryMode,
            StatementDescriptor = r.StatementDescriptor,
            Card = n.Token is { } t
                ? new PaymentCard
                {
                    Id = t.CardId, FirstSixDigits = t.FirstSixDigits, LastFourDigits = t.LastFourDigits, Bin = t.FirstSixDigits,
                    ExpirationMonth = t.ExpirationMonth, ExpirationYear = t.ExpirationYear,
                    DateCreated = now, DateLastUpdated = now, Cardholder = t.Cardholder,
                }
                : null,
            NotificationUrl = r.NotificationUrl,
            CallbackUrl = r.CallbackUrl,
            PointOfInteraction = method.PaymentTypeId == "bank_transfer" && n.Instructions is { } pix
                ? new PointOfInteraction
                {
                    Type = "OPENPLATFORM",
                    TransactionData = new TransactionData { QrCode = pix.QrCode, QrCodeBase64 = pix.QrCodeBase64, TicketUrl = pix.TicketUrl },
                }
                : new PointOfInteraction(),
            AuthorizationExpiresAt = status == "authorized" ? now.AddDays(site.AuthorizationDays!.Value) : null,
        };
        return Scheduled(status == "approved" ? Approve(payment, amount, now, site, n.Economics) : payment);
    }

    public static Outcome<Payment> Capture(Payment p, decimal? amount, DateTimeOffset now, SiteCatalog site, Economics economics)
    {
        if (!Can(p, PaymentAction.Capture)) return PaymentErrors.InvalidActionForState;
        var captured = amount ?? p.TransactionAmount;
        if (captured <= 0 || captured > p.TransactionAmount || Round(captured, site) != captured) return PaymentErrors.InvalidAmountForUpdate;
        return Scheduled(Approve(p with { Captured = true, AuthorizationExpiresAt = null }, captured, now, site, economics));
    }

    public static Outcome<Payment> Cancel(Payment p, DateTimeOffset now) =>
        Can(p, PaymentAction.Cancel)
            ? Scheduled(p with
            {
                Status = "cancelled", StatusDetail = "by_collector", AuthorizationExpiresAt = null, DateLastUpdated = now,
            })
            : PaymentErrors.InvalidActionForState;

    /// <summary>A new expiry date; one already past expires the payment now, so the answer is what the next read says.</summary>
    public static Outcome<Payment> ChangeExpiration(Payment p, DateTimeOffset date, DateTimeOffset now) =>
        !Can(p, PaymentAction.ChangeExpiration) ? PaymentErrors.InvalidActionForState
        : date <= now ? Scheduled(p with { DateOfExpiration = date, Status = "cancelled", StatusDetail = "expired", DateLastUpdated = now })
        : Scheduled(p with { DateOfExpiration = date, DateLastUpdated = now });

    /// <summary>Refunds all that is left (no amount) or part of it. Partials that reach the total make it refunded.</summary>
    public static Outcome<(Payment Payment, Refund Refund)> Refund(Payment p, decimal? amount, long refundId, DateTimeOffset now, SiteCatalog site)
    {
        var remaining = p.TransactionAmount - p.TransactionAmountRefunded;
        if (!Can(p, PaymentAction.Refund) || remaining <= 0) return PaymentErrors.NothingToRefund;
        if (p.DateApproved is { } approved && now > approved.AddDays(site.RefundDays)) return PaymentErrors.TooOldToRefund;
        if (p.Refunds.Count >= MaxRefunds) return PaymentErrors.TooManyRefunds;
        var refunded = amount ?? remaining;
        if (refunded <= 0 || refunded > remaining || Round(refunded, site) != refunded) return PaymentErrors.InvalidAmountForUpdate;
        if (!site.PartialRefunds && refunded != p.TransactionAmount) return PaymentErrors.PartialRefundUnsupported;

        var refund = new Refund
        {
            Id = refundId,
            PaymentId = p.Id,
            Amount = refunded,
            AmountRefundedToPayer = refunded,
            Source = new RefundSource { Id = p.CollectorId.ToString(), Name = $"Seller {p.CollectorId}" },
            DateCreated = now,
        };
        var total = p.TransactionAmountRefunded + refunded;
        var full = total == p.TransactionAmount;
        return (p with
        {
            Status = full ? "refunded" : "approved",
            StatusDetail = full ? "refunded" : "partially_refunded",
            TransactionAmountRefunded = total,
            Refunds = [.. p.Refunds, refund],
            DateLastUpdated = now,
        }, refund);
    }

    /// <summary>What time alone does: authorizations and unpaid tickets lapse, approved money is released.</summary>
    public static Payment PassTime(Payment p, DateTimeOffset now)
    {
        if (p.NextChangeAt is not { } due || due > now) return p;
        if (p.Status == "authorized" && p.AuthorizationExpiresAt <= now)
            p = p with { Status = "cancelled", StatusDetail = "expired", AuthorizationExpiresAt = null, DateLastUpdated = p.AuthorizationExpiresAt.Value };
        else if (p.Status == "pending" && p.DateOfExpiration <= now)
            p = p with { Status = "cancelled", StatusDetail = "expired", DateLastUpdated = p.DateOfExpiration.Value };
        if (p.MoneyReleaseStatus == "pending" && p.MoneyReleaseDate <= now) p = p with { MoneyReleaseStatus = "released" };
        return Scheduled(p);
    }

    static readonly Dictionary<string, string> DefaultDetail = new()
    {
        ["approved"] = "accredited", ["authorized"] = "pending_capture", ["in_process"] = "pending_contingency",
        ["pending"] = "pending_waiting_payment", ["rejected"] = "cc_rejected_other_reason", ["cancelled"] = "by_collector",
        ["refunded"] = "refunded", ["charged_back"] = "settled", ["in_mediation"] = "pending",
    };

    static (string, string) Forced(ForcedOutcome f, bool capture, bool binaryMode)
    {
        var (status, detail) = (f.Status, f.Detail ?? DefaultDetail[f.Status]);
        if (binaryMode) (status, detail) = PaymentOutcomes.Decided(status, detail);
        return status == "approved" && !capture ? ("authorized", "pending_capture") : (status, detail);
    }

    /// <summary>A pending or in-review payment paid in full: approved and captured, with its fees.</summary>
    public static Payment Settle(Payment p, DateTimeOffset now, SiteCatalog site, Economics economics) =>
        Scheduled(Approve(p with { Captured = true }, p.TransactionAmount, now, site, economics));

    public static decimal Round(decimal amount, SiteCatalog site) => site.Round(amount);

    static Payment Approve(Payment p, decimal amount, DateTimeOffset now, SiteCatalog site, Economics economics)
    {
        var financing = site.Finance(p.PaymentTypeId, amount, p.Installments);
        var total = financing.TotalAmount;
        var fee = Round(amount * economics.FeeRate, site);
        List<FeeDetail> fees = [new() { Type = "mercadopago_fee", Amount = fee, FeePayer = "collector" }];
        if (total > amount) fees.Add(new FeeDetail { Type = "financing_fee", Amount = total - amount, FeePayer = "payer" });
        return p with
        {
            Status = "approved",
            StatusDetail = "accredited",
            TransactionAmount = amount,
            DateApproved = now,
            DateLastUpdated = now,
            MoneyReleaseDate = now.AddDays(economics.ReleaseDays),
            MoneyReleaseStatus = "pending",
            FeeDetails = fees,
            TransactionDetails = p.TransactionDetails with
            {
                NetReceivedAmount = amount - fee,
                TotalPaidAmount = total,
                InstallmentAmount = financing.InstallmentAmount,
            },
        };
    }

    /// <summary>Records the next instant time alone would change the payment, so reads and sweeps find it by index.</summary>
    internal static Payment Scheduled(Payment p) => p with
    {
        NextChangeAt = new[]
        {
            p.Status == "authorized" ? p.AuthorizationExpiresAt : null,
            p.Status == "pending" ? p.DateOfExpiration : null,
            p.MoneyReleaseStatus == "pending" ? p.MoneyReleaseDate : null,
        }.Where(d => d is not null).Min(),
    };

    static PaymentPayer Payer(PayerRequest? r, Customer? customer, CardToken? token) => new()
    {
        Type = r?.Type,
        Id = customer?.Id ?? (r?.Email is { } email ? SellerDirectory.UserIdOf(email.ToLowerInvariant()).ToString() : r?.Id),
        Email = r?.Email ?? customer?.Email,
        Identification = r?.Identification ?? (customer?.Identification.Number is not null ? customer.Identification : null)
            ?? token?.Cardholder.Identification ?? new Identification(),
        Phone = r?.Phone ?? new PayerPhone(),
        FirstName = r?.FirstName ?? customer?.FirstName,
        LastName = r?.LastName ?? customer?.LastName,
        EntityType = r?.EntityType,
    };
}

/// <summary>What only the outside world does to a payment (a buyer pays a ticket, a bank reviews, a card holder
/// disputes), forced through the admin API. Each lands as the same transition the real event would.</summary>
public static class OutsideEvents
{
    public static readonly IReadOnlyDictionary<string, string[]> From = new Dictionary<string, string[]>
    {
        ["approve"] = ["pending", "in_process"],
        ["reject"] = ["pending", "in_process"],
        ["expire"] = ["pending", "authorized"],
        ["mediate"] = ["approved"],
        ["charge_back"] = ["approved", "in_mediation"],
        ["settle_mediation"] = ["in_mediation"],
    };

    public static Outcome<Payment> Apply(Payment p, string action, string? detail, DateTimeOffset now, SiteCatalog site, Economics economics)
    {
        if (!From.TryGetValue(action, out var from))
            return PaymentErrors.ParamsError.WithMessage($"Unknown action {action}; one of: {string.Join(", ", From.Keys)}");
        if (!from.Contains(p.Status))
            return new MpError(409, "conflict", $"Action {action} is not valid for a payment in status {p.Status}",
                System.Text.Json.Nodes.JsonValue.Create(2018), PaymentErrors.InvalidActionForState.Message);
        return action switch
        {
            "approve" => PaymentRules.Settle(p, now, site, economics),
            "reject" => Moved(p, "rejected", detail ?? (p.Status == "in_process" ? "cc_rejected_high_risk" : "rejected_by_bank"), now),
            "expire" => Moved(p with { AuthorizationExpiresAt = null }, "cancelled", "expired", now),
            "mediate" => Moved(p, "in_mediation", detail ?? "pending", now),
            "charge_back" => Moved(p, "charged_back", detail ?? "settled", now),
            _ => Moved(p, "approved", "accredited", now),
        };
    }

    static Payment Moved(Payment p, string status, string detail, DateTimeOffset now) =>
        PaymentRules.Scheduled(p with { Status = status, StatusDetail = detail, DateLastUpdated = now });
}
