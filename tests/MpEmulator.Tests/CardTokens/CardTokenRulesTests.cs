using MpEmulator.Catalog;
using MpEmulator.CardTokens;
using MpEmulator.Infrastructure;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.CardTokens;

/// <summary>The card rules alone: no HTTP, no storage, the clock passed in.</summary>
public sealed class CardTokenRulesTests
{
    static readonly Catalogs Catalogs = new();
    static readonly DateTimeOffset Now = new(2026, 3, 10, 15, 0, 0, TimeSpan.Zero);
    const string Id = "0123456789abcdef0123456789abcdef";
    static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    static CardTokenRequest Request(string? number = TestCards.MlbMaster, string? securityCode = "123", int? month = 11, int? year = 2030,
        string? holder = "APRO", string? docType = "CPF", string? docNumber = "12345678909") => new()
    {
        CardNumber = number, SecurityCode = securityCode, ExpirationMonth = month, ExpirationYear = year,
        CardholderName = holder, IdentificationType = docType, IdentificationNumber = docNumber,
    };

    static CardToken Tokenize(CardTokenRequest request, string site = "MLB", DateTimeOffset? now = null) =>
        CardTokenRules.FromCardData(request, Catalogs.For(site), Key, Id, owner: 7, now ?? Now);

    static string RefusalCode(CardTokenRequest request, string site = "MLB", DateTimeOffset? now = null) =>
        Assert.Throws<MpException>(() => Tokenize(request, site, now)).Error.Code!.GetValue<string>();

    [Theory]
    [InlineData("5031433215406351")]
    [InlineData("4235647728025682")]
    [InlineData("375365153556885")]
    [InlineData("50314332154063518")]
    public void Luhn_accepts_numbers_whose_checksum_is_right(string number) => Assert.True(CardTokenRules.Luhn(number));

    [Theory]
    [InlineData("5031433215406352")]
    [InlineData("4235647728025681")]
    [InlineData("375365153556886")]
    [InlineData("5031433215406315")]
    public void Luhn_refuses_a_wrong_check_digit_or_swapped_digits(string number) => Assert.False(CardTokenRules.Luhn(number));

    [Fact]
    public void Luhn_refuses_numbers_too_short_to_be_a_card_even_with_a_valid_checksum() =>
        Assert.False(CardTokenRules.Luhn("18"));

    [Theory]
    [MemberData(nameof(PublishedCards))]
    public void Every_published_test_card_resolves_to_its_payment_method_on_its_site(string site, string number, string method)
    {
        var resolved = Catalogs.For(site).ResolveCard(number);
        Assert.NotNull(resolved);
        Assert.Equal(method, resolved.Value.Method.Id);
        Assert.Equal(number.Length, resolved.Value.Setting.CardNumber.Length);
    }

    [Theory]
    [MemberData(nameof(PublishedCards))]
    public void Every_published_test_card_becomes_a_token_on_its_site(string site, string number, string method)
    {
        var token = Tokenize(Request(number, PublishedTestCards.SecurityCodeFor(number), docType: null, docNumber: null), site);
        Assert.Equal(method, token.PaymentMethodId);
        Assert.Equal(number[..6], token.FirstSixDigits);
        Assert.Equal(number[^4..], token.LastFourDigits);
        Assert.Equal(number.Length, token.CardNumberLength);
        Assert.Equal(PublishedTestCards.SecurityCodeFor(number).Length, token.SecurityCodeLength);
        Assert.True(token.LuhnValidation);
    }

    public static TheoryData<string, string, string> PublishedCards() => PublishedTestCards.Theory();

    [Fact]
    public void The_MLB_Elo_debit_bin_is_not_taken_for_a_Mastercard_although_it_starts_with_5()
    {
        Assert.Equal("debelo", Catalogs.For("MLB").ResolveCard("5067766783888311")!.Value.Method.Id);
        Assert.Equal("master", Catalogs.For("MLB").ResolveCard("5031433215406351")!.Value.Method.Id);
    }

    [Fact]
    public void A_token_is_due_seven_days_after_it_is_made_and_expires_exactly_then()
    {
        var token = Tokenize(Request());
        Assert.Equal(Now.AddDays(7), token.DateDue);
        Assert.Equal("active", CardTokenRules.StatusAt(token, Now.AddDays(7).AddTicks(-1)));
        Assert.Equal("expired", CardTokenRules.StatusAt(token, Now.AddDays(7)));
        Assert.Equal("used", CardTokenRules.StatusAt(token with { Status = "used" }, Now.AddDays(8)));
    }

    [Fact]
    public void The_token_never_keeps_the_card_number_or_the_security_code()
    {
        var token = Tokenize(Request(securityCode: "987"));
        var stored = System.Text.Json.JsonSerializer.Serialize(token);
        Assert.DoesNotContain(TestCards.MlbMaster, stored);
        Assert.DoesNotContain("\"987\"", stored);
        Assert.NotEqual(TestCards.MlbMaster, token.Fingerprint);
        Assert.Equal(CardTokenRules.Fingerprint(TestCards.MlbMaster, Key), token.Fingerprint);
        Assert.NotEqual(CardTokenRules.Fingerprint(TestCards.MlbVisa, Key), token.Fingerprint);
    }

    [Fact]
    public void The_fingerprint_is_keyed_so_the_number_cannot_be_found_from_it_without_the_key()
    {
        var token = Tokenize(Request());
        var unkeyed = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(TestCards.MlbMaster)));
        Assert.NotEqual(unkeyed, token.Fingerprint);
        Assert.NotEqual(CardTokenRules.Fingerprint(TestCards.MlbMaster, new byte[32]), token.Fingerprint);
    }

    // Expiry edges. Now is 2026-03-10.

    [Fact]
    public void A_card_expiring_this_month_is_still_accepted() => Assert.Equal(3, Tokenize(Request(month: 3, year: 2026)).ExpirationMonth);

    [Fact]
    public void A_card_that_expired_last_month_is_refused_with_325() => Assert.Equal("325", RefusalCode(Request(month: 2, year: 2026)));

    [Fact]
    public void A_card_that_expired_last_year_is_refused_with_326() => Assert.Equal("326", RefusalCode(Request(month: 12, year: 2025)));

    [Fact]
    public void A_card_valid_through_March_is_refused_once_April_starts()
    {
        Tokenize(Request(month: 3, year: 2026), now: new DateTimeOffset(2026, 3, 31, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal("325", RefusalCode(Request(month: 3, year: 2026), now: new DateTimeOffset(2026, 4, 1, 12, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(-1)]
    public void A_month_outside_1_to_12_is_refused_with_325(int month) => Assert.Equal("325", RefusalCode(Request(month: month)));

    [Theory]
    [InlineData(30)]
    [InlineData(10000)]
    public void A_year_that_is_not_four_digits_is_refused_with_326(int year) => Assert.Equal("326", RefusalCode(Request(year: year)));

    [Fact]
    public void A_missing_month_is_208_and_a_missing_year_is_209()
    {
        Assert.Equal("208", RefusalCode(Request(month: null)));
        Assert.Equal("209", RefusalCode(Request(year: null)));
    }

    // Security code length by brand.

    [Theory]
    [InlineData(TestCards.MlbMaster, "12")]
    [InlineData(TestCards.MlbMaster, "1234")]
    [InlineData(TestCards.MlbVisa, "1234")]
    [InlineData(TestCards.MlbElo, "12")]
    [InlineData(TestCards.MlbAmex, "123")]
    [InlineData(TestCards.MlbAmex, "12345")]
    [InlineData(TestCards.MlbMaster, "12a")]
    public void A_security_code_of_the_wrong_length_for_the_brand_is_refused_with_E203(string number, string code) =>
        Assert.Equal("E203", RefusalCode(Request(number, code)));

    [Fact]
    public void Amex_takes_four_digits_on_the_front_and_the_others_three_on_the_back()
    {
        var amex = Tokenize(Request(TestCards.MlbAmex, "1234"));
        Assert.Equal((4, "front"), (amex.SecurityCodeLength, amex.SecurityCodeLocation));
        var visa = Tokenize(Request(TestCards.MlbVisa, "123"));
        Assert.Equal((3, "back"), (visa.SecurityCodeLength, visa.SecurityCodeLocation));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_missing_security_code_is_refused_with_224_where_the_brand_requires_one(string? code) =>
        Assert.Equal("224", RefusalCode(Request(securityCode: code)));

    // Card number.

    [Theory]
    [InlineData(null, "205")]
    [InlineData("", "205")]
    [InlineData("5031433215406352", "E301")]
    [InlineData("5031 4332 1540 6351", "E301")]
    [InlineData("503143321540635a", "E301")]
    [InlineData("50314332154065", "E301")]
    [InlineData("9999999999999995", "E301")]
    [InlineData("50314332154063518", "E301")]
    public void A_missing_number_is_205_and_a_bad_one_E301(string? number, string code) =>
        Assert.Equal(code, RefusalCode(Request(number)));

    static string WithCheckDigit(string body) => Enumerable.Range(0, 10).Select(d => body + d).Single(CardTokenRules.Luhn);

    [Fact]
    public void A_nineteen_digit_Mastercard_of_the_MLB_532884_range_is_accepted_with_its_own_length()
    {
        var number = WithCheckDigit("532884" + "123456789012");
        var token = Tokenize(Request(number));
        Assert.Equal(("master", 19), (token.PaymentMethodId, token.CardNumberLength));
        Assert.Equal("E301", RefusalCode(Request(WithCheckDigit("532884" + "1234567890"))));
    }

    [Fact]
    public void A_brand_without_Luhn_validation_takes_a_number_that_fails_the_checksum_and_says_so()
    {
        var checksummed = WithCheckDigit("589562" + "123456789");
        var unchecked_ = checksummed[..^1] + (char)('0' + (checksummed[^1] - '0' + 1) % 10);
        Assert.False(CardTokenRules.Luhn(unchecked_));
        var token = Tokenize(Request(unchecked_, docType: "DNI", docNumber: "12345678"), "MLA");
        Assert.Equal("naranja", token.PaymentMethodId);
        Assert.False(token.LuhnValidation);
        Assert.Equal("E301", RefusalCode(Request(TestCards.MlbMaster[..^1] + "2", docType: "DNI", docNumber: "12345678"), "MLA"));
    }

    [Fact]
    public void A_luhn_valid_number_whose_length_does_not_fit_its_brand_is_refused_with_E301()
    {
        // 4235647728025682 with a digit dropped and the check digit redone: 15 digits, Luhn-valid, but Visa takes 16.
        Assert.Equal("E301", RefusalCode(Request(WithCheckDigit("42356477280256"))));
    }

    // Cardholder and document.

    [Theory]
    [InlineData(null, "221")]
    [InlineData("", "221")]
    [InlineData("   ", "221")]
    public void A_missing_cardholder_name_is_refused_with_221(string? name, string code) =>
        Assert.Equal(code, RefusalCode(Request(holder: name)));

    [Fact]
    public void A_cardholder_name_over_100_characters_is_refused_with_316() =>
        Assert.Equal("316", RefusalCode(Request(holder: new string('A', 101))));

    [Theory]
    [InlineData("MLB", "DNI", "12345678", "322")]
    [InlineData("MLB", "CPF", "1234567890", "324")]
    [InlineData("MLB", "CPF", "123456789012", "324")]
    [InlineData("MLB", "CPF", "1234567890a", "324")]
    [InlineData("MLB", "CNPJ", "12345678909", "324")]
    [InlineData("MLA", "DNI", "123456", "324")]
    [InlineData("MLA", "CPF", "12345678909", "322")]
    [InlineData("MPE", "DNI", "1234567", "324")]
    [InlineData("MLB", "CPF", null, "214")]
    [InlineData("MLB", "CPF", "", "214")]
    [InlineData("MLB", null, "12345678909", "212")]
    public void A_document_the_site_does_not_know_or_of_the_wrong_length_is_refused(string site, string? type, string? number, string code)
    {
        var card = PublishedTestCards.All.First(c => c.Site == site && c.Method == "master").Number;
        Assert.Equal(code, RefusalCode(Request(card, docType: type, docNumber: number), site));
    }

    [Theory]
    [InlineData("MLB", "CPF", "12345678909")]
    [InlineData("MLB", "cpf", "12345678909")]
    [InlineData("MLB", "CNPJ", "12345678000190")]
    [InlineData("MLA", "DNI", "12345678")]
    [InlineData("MLA", "DNI", "1234567")]
    [InlineData("MLM", "RFC", "TETT780407PZ1")]
    [InlineData("MLC", "RUT", "78007311")]
    [InlineData("MCO", "CC", "123456789")]
    [InlineData("MPE", "DNI", "12345678")]
    [InlineData("MLU", "CI", "6238067")]
    public void Documents_of_the_sites_test_data_are_accepted_and_their_type_named_as_the_site_spells_it(string site, string type, string number)
    {
        var card = PublishedTestCards.All.First(c => c.Site == site && c.Method == "master").Number;
        var token = Tokenize(Request(card, docType: type, docNumber: number), site);
        Assert.Equal(Catalogs.For(site).IdentificationTypes.Single(t => t.Id.Equals(type, StringComparison.OrdinalIgnoreCase)).Id,
            token.Cardholder.Identification.Type);
        Assert.Equal(number, token.Cardholder.Identification.Number);
    }

    [Fact]
    public void A_card_without_any_document_is_accepted() =>
        Assert.Null(Tokenize(Request(docType: null, docNumber: null)).Cardholder.Identification.Type);
}
