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
    public static readonly MpError MethodNotAllowed = new(405, "method_not_allowed", "Method not allowed for this resource", null, null);
    public static readonly MpError Internal = new(500, "internal_server_error", "Internal server error", null, null);
    public static MpError RouteNotFound(string path) => new(404, "not_found", $"Resource {path} not found.", null, null);

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

    static MpError Customer(string code, string description) =>
        MpError.Customers(400, "bad_request", code, description);

    static MpError Token(string code, string description) => MpError.Customers(400, "bad_request", code, description);
}
