namespace MpEmulator.Infrastructure;

/// <summary>The catalog of every error the emulator answers, with Mercado Pago's codes and texts.</summary>
public static class MpErrors
{
    // Gateway, auth and HTTP manners.
    public static readonly MpError MissingAccessToken =
        MpError.Payments(401, "unauthorized", 5, "Must provide your access_token to proceed");
    public static readonly MpError InvalidAccessToken = new(401, "unauthorized", "invalid access token", null, null);
    public static readonly MpError InvalidPublicKey = MpError.Customers(401, "unauthorized", "1001", "public key not found");
    public static readonly MpError MalformedJson = MpError.Payments(400, "bad_request", 1, "Invalid JSON in request body", "Params Error");
    public static readonly MpError BodyTooLarge = new(413, "request_entity_too_large", "Request body is larger than 1048576 bytes", null, null);
    public static readonly MpError UriTooLong =
        new(414, "request_uri_too_long", $"Request line is longer than {RequestLimits.RequestLine} bytes", null, null);
    public static readonly MpError HeadersTooLarge = new(431, "request_header_fields_too_large",
        $"Request headers are larger than {RequestLimits.Headers} bytes or more than {RequestLimits.HeaderCount}", null, null);
    public static readonly MpError MethodNotAllowed = new(405, "method_not_allowed", "Method not allowed for this resource", null, null);
    public static readonly MpError Internal = new(500, "internal_server_error", "Internal server error", null, null);
    public static MpError RouteNotFound(string path) => new(404, "not_found", $"Resource {path} not found.", null, null);
    /// <summary>Something Mercado Pago does that the emulator deliberately does not (see <c>GET /__admin/parity</c>): 501, so
    /// it reads as a gap of the emulator, never as the caller's mistake.</summary>
    public static MpError NotEmulated(string what) => NotEmulatedSaying($"{what} is not emulated (see GET /__admin/parity)");

    /// <summary>A route of Mercado Pago's API the emulator does not have.</summary>
    public static MpError NotEmulated(string method, string route) =>
        NotEmulatedSaying($"{method} {route} is a Mercado Pago route the emulator does not emulate (see GET /__admin/parity)");

    static MpError NotEmulatedSaying(string message) => MpError.Customers(501, "not_implemented", "not_emulated", message);

    // Customers and cards (cause codes are strings).
    public static readonly MpError CustomerAlreadyExists = Customer("101", "the customer already exist");
    public static readonly MpError ParameterMustBeObject = Customer("103", "parameter must be an object");
    public static readonly MpError ParameterTooLarge = Customer("104", "parameter length is too large");
    public static readonly MpError InvalidEmail = Customer("106", "the email format is invalid");
    public static readonly MpError InvalidFirstName = Customer("107", "the first_name is invalid");
    public static readonly MpError InvalidLastName = Customer("108", "the last_name is invalid");
    public static readonly MpError InvalidPhoneAreaCode = Customer("109", "the phone.area_code is invalid");
    public static readonly MpError InvalidPhoneNumber = Customer("110", "the phone.number is invalid");
    public static readonly MpError InvalidIdentificationType = Customer("111", "the identification.type is invalid");
    public static readonly MpError InvalidIdentificationNumber = Customer("112", "the identification.number is invalid");
    public static readonly MpError InvalidZipCode = Customer("113", "the address.zip_code is invalid");
    public static readonly MpError InvalidStreetName = Customer("114", "the address.street_name is invalid");
    public static readonly MpError InvalidDateRegistered = Customer("115", "the date_registered format is invalid");
    public static readonly MpError InvalidDescription = Customer("116", "the description is invalid");
    public static readonly MpError InvalidMetadata = Customer("117", "the metadata is invalid");
    public static readonly MpError BodyMustBeObject = Customer("118", "the body must be a Json Object");
    public static readonly MpError CardRequired = Customer("119", "the card is required");
    public static readonly MpError CardNotFoundForDefault = Customer("120", "card not found");
    public static readonly MpError CardInvalid = Customer("121", "the card is invalid");
    public static readonly MpError CardDataInvalid = Customer("122", "the card data is invalid");
    public static readonly MpError InvalidParameters = Customer("125", "invalid parameters");
    public static readonly MpError EmailNotUpdatable = Customer("126", "invalid parameter. You cannot update the email");
    public static readonly MpError CardPaymentMethodUnresolved = Customer("127",
        "invalid parameter. Cannot resolve the payment method of card, check the payment_method_id and issuer_id");
    public static readonly MpError TooManyCards = Customer("129", "the customer has reached the maximum allowed number of cards");
    public static readonly MpError InvalidCardOwner = Customer("140", "invalid card owner");
    public static readonly MpError InvalidSearchLimit = Customer("1000", "Number of rows exceeded the limits");
    public static readonly MpError CustomerNotFound =
        MpError.Customers(404, "not_found", "not_found", "Customer not found", "customer not found");
    public static readonly MpError CardNotFound = MpError.Customers(404, "not_found", "not_found", "Card not found", "card not found");
    public static readonly MpError AddressNotFound = MpError.Customers(404, "not_found", "not_found", "Address not found", "address not found");
    /// <summary>No code is documented for too many addresses; 125 ("invalid parameters") with a message saying why.</summary>
    public static readonly MpError TooManyAddresses = InvalidParameters.WithMessage("the customer has reached the maximum allowed number of addresses");

    // Card tokens (client-side codes, strings).
    public static readonly MpError CardNumberEmpty = Token("205", "parameter cardNumber can not be null/empty");
    public static readonly MpError ExpirationMonthEmpty = Token("208", "parameter expirationMonth can not be null/empty");
    public static readonly MpError ExpirationYearEmpty = Token("209", "parameter expirationYear can not be null/empty");
    public static readonly MpError DocTypeEmpty = Token("212", "parameter docType can not be null/empty");
    public static readonly MpError DocNumberEmpty = Token("214", "parameter docNumber can not be null/empty");
    public static readonly MpError CardholderNameEmpty = Token("221", "parameter cardholderName can not be null/empty");
    public static readonly MpError SecurityCodeEmpty = Token("224", "parameter securityCode can not be null/empty");
    public static readonly MpError InvalidSecurityCode = Token("E203", "invalid parameter securityCode");
    public static readonly MpError InvalidCardNumber = Token("E301", "invalid parameter cardNumber");
    public static readonly MpError InvalidCardholderName = Token("316", "invalid parameter cardholderName");
    public static readonly MpError InvalidDocType = Token("322", "invalid parameter docType");
    public static readonly MpError InvalidDocNumber = Token("324", "invalid parameter docNumber");
    public static readonly MpError InvalidExpirationMonth = Token("325", "invalid parameter expirationMonth");
    public static readonly MpError InvalidExpirationYear = Token("326", "invalid parameter expirationYear");
    public static readonly MpError CardTokenNotFound = MpError.Customers(404, "not_found", "not_found", "Card token not found", "card token not found");

    // Catalog: installments, card issuers, BIN search. Only 10105 is a code seen on the real API (contract §2.1);
    // the others are descriptive string codes, since Mercado Pago's own codes for these checks are unknown (§14.10).
    public static readonly MpError InstallmentsAmountRequired = Catalog("amount_required", "amount attribute can't be null");
    public static readonly MpError InvalidInstallmentsAmount = Catalog("invalid_amount",
        "amount must be a positive number within the payment method's min_allowed_amount and max_allowed_amount");
    public static readonly MpError PaymentMethodOrBinRequired = Catalog("payment_method_required", "payment_method_id or bin is required");
    public static readonly MpError UnknownPaymentMethod = Catalog("invalid_payment_method_id", "Invalid payment_method_id");
    public static readonly MpError InvalidBin = Catalog("invalid_bin", "bin must be the first 6 to 8 digits of a card number");
    public static readonly MpError BinNotFound = new(400, "bad_request", "bin_not_found", System.Text.Json.Nodes.JsonValue.Create(10105), "Bin not found");

    static MpError Customer(string code, string description) =>
        MpError.Customers(400, "bad_request", code, description);

    static MpError Token(string code, string description) => MpError.Customers(400, "bad_request", code, description);

    static MpError Catalog(string code, string description) => MpError.Customers(400, "bad_request", code, description);
}

/// <summary>Errors of <c>/v1/payments</c> and refunds (cause codes are numbers).</summary>
public static class PaymentErrors
{
    public static readonly MpError UnknownParameter = Bad(8, "The name of the following parameters is wrong");
    public static readonly MpError InvalidDate = Bad(23, "The following parameters must be valid date and format (yyyy-MM-dd'T'HH:mm:ssz) date_of_expiration");
    public static readonly MpError TooManyRows = Bad(1000, "Number of rows exceeded the limits");
    public static readonly MpError InvalidSearchDate = Bad(1001, "Date format must be yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    public static readonly MpError PaymentNotFound = MpError.Payments(404, "not_found", 2000, "Payment not found");
    public static readonly MpError CustomerNotFound = Bad(2002, "Customer not found");
    public static readonly MpError CardTokenNotFound = Bad(2006, "Card Token not found");
    public static readonly MpError InvalidStatusForUpdate = Bad(2016, "Invalid status for update");
    public static readonly MpError InvalidAmountForUpdate = Bad(2017, "Invalid transaction_amount for update");
    public static readonly MpError InvalidActionForState = Bad(2018, "The action requested is not valid for the current payment state");
    public static readonly MpError TooManyRefunds = Bad(2022, "You have exceeded the max number of refunds for this payment");
    public static readonly MpError TooOldToRefund = Bad(2024, "Payment too old to be refunded");
    public static readonly MpError NothingToRefund = Bad(2063, "The action requested is not valid for the current payment state");
    public static readonly MpError DeferredCaptureNotSupported = Bad(2077, "Deferred capture not supported");
    public static readonly MpError CaptureMustBeBoolean = Bad(2078, "Capture attribute must be boolean");
    public static readonly MpError InvalidCaptureValue = Bad(2079, "Invalid value for capture attribute");
    public static readonly MpError CannotInferPaymentMethod = new(400, "bad_request", "Cannot infer Payment Method",
        System.Text.Json.Nodes.JsonValue.Create(2131), "payment methods inference error");
    public static readonly MpError InvalidCardToken = Bad(3003, "Invalid card_token_id");
    /// <summary>A token made from a saved card without its security code: MP issues it, but payments refuse it
    /// (message as observed by a third-party probe; 3031 is the catalogue's "CVV missing" code).</summary>
    public static readonly MpError SavedCardWithoutSecurityCode =
        MpError.Payments(400, "bad_request", 3031, "Card token was generated without cvv validation", "Secure_code_id can't be null");
    public static readonly MpError PartialRefundUnsupported = Bad(3024, "Not valid action - partial refund unsupported for this transaction");
    public static readonly MpError InvalidPaymentMethod = Bad(3028, "Invalid payment_method_id");
    public static readonly MpError TokenRequired = Bad(4000, "token attribute can't be null");
    public static readonly MpError TransactionAmountRequired = Bad(4002, "transaction_amount attribute can't be null");
    public static readonly MpError TransactionAmountNotNumeric = Bad(4003, "transaction_amount attribute must be numeric");
    public static readonly MpError InstallmentsRequired = Bad(4004, "installments attribute can't be null");
    public static readonly MpError InstallmentsNotNumeric = Bad(4005, "installments attribute must be numeric");
    public static readonly MpError PayerMalformed = Bad(4006, "payer attribute is malformed");
    public static readonly MpError PayerIdRequired = Bad(4012, "payer.id attribute can't be null");
    public static readonly MpError InvalidNotificationUrl = Bad(4020, "notification_url attribute must be url valid");
    public static readonly MpError NotificationUrlTooLong = Bad(4021, "notification_url attribute must be shorter than 500 characters");
    public static readonly MpError InvalidMetadata = Bad(4022, "metadata attribute must be a valid JSON");
    public static readonly MpError UpdateAmountNotNumeric = Bad(4024, "transaction_amount attribute must be numeric");
    public static readonly MpError InvalidPayerType = Bad(4029, "Invalid payer type");
    public static readonly MpError InvalidInstallments = Bad(4033, "Invalid installments");
    public static readonly MpError InvalidTransactionAmount = Bad(4037, "Invalid transaction_amount");
    public static readonly MpError InvalidPayerEmail = Bad(4050, "payer.email must be a valid email");
    public static readonly MpError PayerEmailTooLong = Bad(4051, "payer.email must be shorter than 254 characters");
    public static readonly MpError IdempotencyKeyMissing = Bad(4292, "Header X-Idempotency-Key can't be null");
    public static readonly MpError ParamsError = Bad(1, "Params Error");

    static MpError Bad(int code, string message) => MpError.Payments(400, "bad_request", code, message);

    /// <summary>A new Pix or ticket already expired would be created only to read as expired; MP documents no code for it.</summary>
    public static readonly MpError ExpirationPast = ParamsError.WithMessage("date_of_expiration must be a date in the future");

    /// <summary>No code of Mercado Pago's own is documented for an over-long field; code 1 names it.</summary>
    public static MpError TooLong(string field, int max) => ParamsError.WithMessage($"{field} attribute must be at most {max} characters");

    /// <summary>Code 8 naming the offending parameter paths, as <c>[additional_info.payer.test]</c>.</summary>
    public static MpError Unknown(IEnumerable<string> paths) =>
        UnknownParameter.WithMessage($"The name of the following parameters is wrong [{string.Join(", ", paths)}]");

    public static MpError WrongType(string field) => ParamsError.WithMessage($"{field} attribute has an invalid type");
}

/// <summary>Errors of <c>/v1/orders</c>: a string code (held in <see cref="MpError.Error"/>), a message and an optional
/// detail, sent as <c>{"errors":[{"code","message","details"}]}</c> by the orders slice, as the Orders API does.</summary>
public static class OrderErrors
{
    public static readonly MpError EmptyRequiredHeader = Order(400, "empty_required_header", "The header 'X-Idempotency-Key' is required.");
    public static readonly MpError JsonSyntaxError = Order(400, "json_syntax_error", "The request body is not valid JSON.");
    public static readonly MpError InvalidTotalAmount =
        Order(400, "invalid_total_amount", "The total_amount is not equal to the sum of transactions.payments.amount.");
    public static readonly MpError InvalidPathParam = Order(400, "invalid_path_param", "The id in the request path is not valid.");
    public static readonly MpError OrderNotFound = Order(404, "order_not_found", "Order not found.");
    public static readonly MpError TransactionNotFound = Order(404, "transaction_not_found", "Transaction not found.");
    public static readonly MpError IdempotencyKeyAlreadyUsed =
        Order(409, "idempotency_key_already_used", "The idempotency key was already used with a different request.");
    public static readonly MpError CannotCaptureOrder = Order(409, "cannot_capture_order",
        "The order cannot be captured: only orders with status action_required and status_detail waiting_capture can.");
    public static readonly MpError CannotCancelOrder = Order(409, "cannot_cancel_order",
        "The order cannot be cancelled: only orders with status created or action_required can.");
    public static readonly MpError CannotProcessOrder = Order(409, "cannot_process_order",
        "The order cannot be processed: only manual orders not yet processed can.");
    public static readonly MpError CannotRefundOrder = Order(409, "cannot_refund_order",
        "The order cannot be refunded: only processed orders can.");
    public static readonly MpError CannotChangeTransactions = Order(409, "operation_not_supported",
        "Transactions change only on manual orders not yet processed.");

    public static MpError RequiredProperties(string path) => Order(400, "required_properties", "Some required properties are missing.", $"{path} is required");
    public static MpError PropertyType(string path) => Order(400, "property_type", "A property has the wrong type.", $"{path} has the wrong type");
    public static MpError PropertyValue(string path) => Order(400, "property_value", "A property has an invalid value.", $"{path} has an invalid value");
    public static MpError MaximumItems(string path) => Order(400, "maximum_items", "A property has more items than allowed.", $"{path} allows 1 item");
    public static MpError UnsupportedProperties(IEnumerable<string> names) =>
        Order(400, "unsupported_properties", "Some properties are not supported.", $"not supported: {string.Join(", ", names)}");
    /// <summary>A transaction the payment rules refused (token, method, amount, installments), with their reason.</summary>
    public static MpError InvalidProperties(string detail) => Order(400, "invalid_properties", "Some properties are invalid.", detail);

    static MpError Order(int status, string code, string message, string? detail = null) => new(status, code, message, null, detail);
}

/// <summary>Every catalog error by its cause code, for fixtures and rules that name an error by code.</summary>
public static class ErrorCatalog
{
    static readonly Dictionary<string, MpError> ByCodeText = new[] { typeof(MpErrors), typeof(PaymentErrors) }
        .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
        .Where(f => f.FieldType == typeof(MpError))
        .Select(f => (MpError)f.GetValue(null)!)
        .Where(e => e.Code is not null)
        .GroupBy(e => e.Code!.ToString())
        .ToDictionary(g => g.Key, g => g.First());

    public static MpError? ByCode(string code) => ByCodeText.GetValueOrDefault(code);
}
