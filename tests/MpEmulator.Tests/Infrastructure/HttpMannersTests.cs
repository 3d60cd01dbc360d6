using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using MpEmulator.Infrastructure;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Infrastructure;

/// <summary>What every response carries and how bad requests are answered: always Mercado Pago's JSON envelope, never a 500 or HTML.</summary>
public sealed class HttpMannersTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    const string PublicKey = "TEST-d551379e-56a7-44a8-aaa9-2b82cfb4402c";

    /// <summary>JSON in Mercado Pago's upper-case UTF-8 (ASP.NET alone says utf-8). HttpClient re-formats the header,
    /// so the exact bytes are checked over a raw socket in <see cref="The_content_type_on_the_wire_is_exactly_Mercado_Pagos"/>.</summary>
    static void IsMpJson(Reply reply)
    {
        var type = reply.Response.Content.Headers.ContentType!;
        Assert.Equal(("application/json", "UTF-8"), (type.MediaType, type.CharSet));
    }

    [Fact]
    public async Task Health_answers_ok_with_the_version_uptime_and_storage_without_a_token()
    {
        using var client = app.CreateClient();
        var health = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync("/health"))!;
        Assert.Equal("ok", (string)health["status"]!);
        Assert.Matches(@"^\d+\.\d+\.\d+$", (string)health["version"]!);
        Assert.True((double)health["uptime_seconds"]! >= 0);
        Assert.Equal(":memory:", (string)health["storage"]!);
    }

    [Fact]
    public async Task The_content_type_on_the_wire_is_exactly_Mercado_Pagos()
    {
        using var server = EmulatorApp.With(kestrel: true);
        var uri = new Uri(server.BaseUrl);
        async Task<string> Raw(string requestLine)
        {
            using var tcp = new System.Net.Sockets.TcpClient();
            await tcp.ConnectAsync(uri.Host, uri.Port);
            await using var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                $"{requestLine} HTTP/1.1\r\nHost: {uri.Authority}\r\nAuthorization: Bearer {Sellers.Fresh()}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            using var reader = new StreamReader(stream, Encoding.ASCII);
            return await reader.ReadToEndAsync();
        }
        foreach (var request in new[] { "GET /v1/customers/search", "POST /v1/customers", "GET /v1/nothing_here", "PATCH /v1/customers" })
        {
            var response = await Raw(request);
            Assert.Contains("\r\nContent-Type: application/json;charset=UTF-8\r\n", response);
            Assert.Matches("\r\nx-request-id: [0-9a-f-]{36}\r\n", response);
        }
    }

    // Bodies.

    [Theory]
    [InlineData("{\"email\":")]
    [InlineData("{email: 'a@b.com'}")]
    [InlineData("not json at all")]
    [InlineData("{\"email\":\"a@b.com\"} trailing")]
    [InlineData("{\"email\":\"a@b.com\",\"email\":\"c@d.com\"}")]
    [InlineData("{\"email\":\"a@b.com\",\"phone\":{\"number\":\"1\",\"number\":\"2\"}}")]
    public async Task Malformed_JSON_for_a_customer_is_a_400_with_code_118_and_stores_nothing(string body)
    {
        var api = app.Seller();
        var reply = await api.Post("/v1/customers", body);
        reply.IsError(400, "118");
        IsMpJson(reply);
        Assert.Equal(0, (int)(await api.Get("/v1/customers/search")).Is(HttpStatusCode.OK)["paging"]!["total"]!);
    }

    [Fact]
    public async Task Malformed_JSON_on_update_and_card_routes_is_a_400_envelope_too()
    {
        var api = app.Seller();
        var customer = await api.Customer();
        (await api.Put($"/v1/customers/{customer}", "{\"first_name\":")).IsError(400, "118");
        (await api.Post($"/v1/customers/{customer}/cards", "{\"token\":")).IsError(400, "118");
        (await api.Post($"/v1/customers/{customer}/cards", "{\"token\":\"a\",\"token\":\"b\"}")).IsError(400, "118");
    }

    [Theory]
    [InlineData("{\"card_number\":")]
    [InlineData("[]")]
    [InlineData("\"5031433215406351\"")]
    [InlineData("{\"card_number\":\"5031433215406351\",\"card_number\":\"4235647728025682\"}")]
    public async Task A_card_token_body_that_is_not_one_JSON_object_is_a_params_error_not_a_card_number_error(string body)
    {
        var reply = await app.Seller().Post("/v1/card_tokens", body);
        reply.IsError(400, 1);
        Assert.Equal("bad_request", (string)reply["error"]!);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"email\":\"a@b.com\"}]")]
    [InlineData("null")]
    [InlineData("42")]
    public async Task A_JSON_body_that_is_not_an_object_is_refused_with_118(string body) =>
        (await app.Seller().Post("/v1/customers", body)).IsError(400, "118");

    public static TheoryData<string, string> WrongTypes() => new()
    {
        { "\"email\":1", "106" },
        { "\"first_name\":{}", "107" },
        { "\"last_name\":true", "108" },
        { "\"phone\":[]", "103" },
        { "\"phone\":{\"area_code\":[]}", "109" },
        { "\"phone\":{\"number\":{}}", "110" },
        { "\"identification\":\"CPF\"", "103" },
        { "\"identification\":{\"type\":{}}", "111" },
        { "\"identification\":{\"number\":true}", "112" },
        { "\"address\":1", "103" },
        { "\"address\":{\"zip_code\":[]}", "113" },
        { "\"address\":{\"street_name\":false}", "114" },
        { "\"address\":{\"street_number\":\"one\"}", "125" },
        { "\"date_registered\":true", "115" },
        { "\"description\":[]", "116" },
        { "\"metadata\":[1]", "117" },
        { "\"default_address\":{}", "125" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task A_customer_field_of_the_wrong_JSON_type_gets_that_fields_code(string field, string code)
    {
        var api = app.Seller();
        var body = field.StartsWith("\"email\"") ? "{" + field + "}" : "{\"email\":\"types@example.com\"," + field + "}";
        (await api.Post("/v1/customers", body)).IsError(400, code);
        Assert.Equal(0, (int)(await api.Get("/v1/customers/search")).Is(HttpStatusCode.OK)["paging"]!["total"]!);
    }

    [Fact]
    public async Task An_empty_body_is_an_empty_object_so_a_customer_without_email_is_106()
    {
        var api = app.Seller();
        (await api.Send(HttpMethod.Post, "/v1/customers", null)).IsError(400, "106");
        (await api.Post("/v1/customers", " \r\n ")).IsError(400, "106");
    }

    // Size.

    static string CustomerOfSize(string email, int bytes)
    {
        var head = $"{{\"email\":\"{email}\",\"metadata\":{{\"blob\":\"";
        const string tail = "\"}}";
        return head + new string('a', bytes - head.Length - tail.Length) + tail;
    }

    [Fact]
    public async Task A_body_of_exactly_one_MiB_is_accepted()
    {
        var api = app.Seller();
        var body = CustomerOfSize("mib@example.com", 1 << 20);
        Assert.Equal(1 << 20, Encoding.UTF8.GetByteCount(body));
        (await api.Post("/v1/customers", body)).Is(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_body_over_one_MiB_is_a_413_envelope_and_stores_nothing()
    {
        var api = app.Seller();
        var reply = await api.Post("/v1/customers", CustomerOfSize("big@example.com", (1 << 20) + 1));
        reply.IsBareError(413, "request_entity_too_large");
        IsMpJson(reply);
        Assert.Equal(0, (int)(await api.Get("/v1/customers/search?email=big@example.com")).Is(HttpStatusCode.OK)["paging"]!["total"]!);
    }

    /// <summary>A body that arrives without Content-Length (chunked), so its size is only known while reading it.</summary>
    static HttpRequest Streamed(string body)
    {
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        Assert.Null(http.Request.ContentLength);
        return http.Request;
    }

    [Fact]
    public async Task A_streamed_body_without_length_is_cut_off_as_soon_as_it_passes_one_MiB()
    {
        var error = await Assert.ThrowsAsync<MpException>(() =>
            JsonBody.ReadObjectAsync(Streamed(CustomerOfSize("stream@example.com", (1 << 20) + 1)), MpErrors.BodyMustBeObject));
        Assert.Same(MpErrors.BodyTooLarge, error.Error);
        var exact = await JsonBody.ReadObjectAsync(Streamed(CustomerOfSize("stream@example.com", 1 << 20)), MpErrors.BodyMustBeObject);
        Assert.Equal("stream@example.com", (string)exact["email"]!);
    }

    // Routes and methods.

    [Theory]
    [InlineData("GET", "/v1/nothing_here")]
    [InlineData("POST", "/v1/customers/abc/cards/123/extra")]
    [InlineData("GET", "/not/an/api/path")]
    [InlineData("DELETE", "/v1")]
    public async Task An_unknown_route_is_a_404_envelope_naming_it(string method, string path)
    {
        var reply = await app.Seller().Send(new HttpMethod(method), path, null);
        reply.IsBareError(404, "not_found");
        Assert.Equal($"Resource {path} not found.", (string)reply["message"]!);
        IsMpJson(reply);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_even_without_a_token() =>
        (await app.Seller().Send(HttpMethod.Get, "/v1/nothing_here", null, auth: false)).IsBareError(404, "not_found");

    [Theory]
    [InlineData("DELETE", "/v1/customers")]
    [InlineData("PATCH", "/v1/customers/123-abc")]
    [InlineData("POST", "/v1/customers/search")]
    [InlineData("PUT", "/v1/card_tokens")]
    [InlineData("DELETE", "/v1/card_tokens/0123456789abcdef0123456789abcdef")]
    [InlineData("POST", "/v1/payment_methods")]
    public async Task A_method_a_route_does_not_support_is_a_405_envelope(string method, string path)
    {
        var reply = await app.Seller().Send(new HttpMethod(method), path, "{}");
        reply.IsBareError(405, "method_not_allowed");
        IsMpJson(reply);
    }

    [Fact]
    public async Task Trailing_slashes_are_tolerated()
    {
        var api = app.Seller();
        var id = (string)(await api.Post("/v1/customers/", new { email = "slash@example.com" })).Is(HttpStatusCode.Created)["id"]!;
        (await api.Get($"/v1/customers/{id}/")).Is(HttpStatusCode.OK);
        (await api.Post($"/v1/customers/{id}/cards/", new { token = await api.CardToken() })).Is(HttpStatusCode.Created);
        Assert.Single((await api.Get($"/v1/customers/{id}/cards/")).Is(HttpStatusCode.OK).Json!.AsArray());
        (await api.Post("/v1/card_tokens/", Bodies.Card())).Is(HttpStatusCode.Created);
    }

    // Headers.

    [Fact]
    public async Task Every_response_carries_its_own_request_id_and_Mercado_Pagos_content_type()
    {
        var api = app.Seller();
        var replies = new List<Reply>
        {
            await api.Post("/v1/customers", new { email = "rid@example.com" }),
            await api.Get("/v1/customers/search"),
            await api.Post("/v1/customers", new { }),
            await api.Send(HttpMethod.Get, "/v1/customers/search", null, auth: false),
            await api.Get("/v1/nothing_here"),
            await api.Send(HttpMethod.Delete, "/v1/customers", null),
            await api.Post("/v1/customers", CustomerOfSize("rid2@example.com", (1 << 20) + 10)),
            await api.Get("/v1/payment_methods"),
        };
        var ids = new HashSet<string>();
        foreach (var reply in replies)
        {
            var id = reply.Response.Headers.GetValues("x-request-id").Single();
            Assert.True(Guid.TryParse(id, out _), $"{(int)reply.Status}: x-request-id {id}");
            Assert.True(ids.Add(id), $"x-request-id {id} repeated");
            IsMpJson(reply);
        }
    }

    static HttpRequestMessage Preflight(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", "https://shop.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-idempotency-key");
        return request;
    }

    [Fact]
    public async Task A_CORS_preflight_for_card_tokens_is_allowed_from_any_origin_without_credentials()
    {
        using var response = await app.Seller().Http.SendAsync(Preflight("/v1/card_tokens"));
        Assert.True((int)response.StatusCode is 200 or 204, $"{(int)response.StatusCode}");
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")));
        var headers = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        Assert.Contains("content-type", headers);
        Assert.Contains("x-idempotency-key", headers);
    }

    [Fact]
    public async Task A_CORS_preflight_carries_a_request_id_too()
    {
        using var response = await app.Seller().Http.SendAsync(Preflight("/v1/card_tokens"));
        Assert.True(Guid.TryParse(response.Headers.GetValues("x-request-id").Single(), out _));
    }

    [Fact]
    public async Task A_cross_origin_call_gets_allow_origin_star_and_can_read_the_request_id()
    {
        var api = app.Seller();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/card_tokens?public_key={PublicKey}")
        {
            Content = new StringContent(Bodies.Card().ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", "https://shop.example");
        using var response = await api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("x-request-id", string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.OrdinalIgnoreCase);

        using var error = new HttpRequestMessage(HttpMethod.Get, "/v1/customers/search");
        error.Headers.Add("Origin", "https://shop.example");
        using var refused = await api.Http.SendAsync(error);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("*", refused.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    // Credentials.

    [Fact]
    public async Task The_legacy_access_token_query_parameter_acts_as_the_bearer_token()
    {
        var api = app.Seller();
        var created = (await api.Send(HttpMethod.Post, $"/v1/customers?access_token={api.Token}", new { email = "legacy@example.com" }, auth: false))
            .Is(HttpStatusCode.Created);
        var id = (string)created["id"]!;
        Assert.StartsWith($"{api.UserId}-", id);
        (await api.Get($"/v1/customers/{id}")).Is(HttpStatusCode.OK);
        (await api.Send(HttpMethod.Get, $"/v1/customers/{id}?access_token={api.Token}", null, auth: false)).Is(HttpStatusCode.OK);
        (await api.Send(HttpMethod.Get, $"/v1/customers/{id}?access_token={Sellers.Fresh()}", null, auth: false)).IsError(404, "not_found");
    }

    [Fact]
    public async Task A_public_key_is_accepted_on_card_tokens_and_catalog_routes()
    {
        var api = app.Seller();
        (await api.Send(HttpMethod.Post, $"/v1/card_tokens?public_key={PublicKey}", Bodies.Card(), auth: false)).Is(HttpStatusCode.Created);
        var methods = (await api.Send(HttpMethod.Get, $"/v1/payment_methods?public_key={PublicKey}", null, auth: false)).Is(HttpStatusCode.OK);
        Assert.Contains(methods.Json!.AsArray(), m => (string)m!["id"]! == "master");
        (await api.Send(HttpMethod.Get, $"/v1/identification_types?public_key={PublicKey}", null, auth: false)).Is(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_public_key_is_not_a_credential_for_customers_or_cards()
    {
        var api = app.Seller();
        var customer = await api.Customer();
        (await api.Send(HttpMethod.Post, $"/v1/customers?public_key={PublicKey}", new { email = "pk@example.com" }, auth: false)).IsError(401, 5);
        (await api.Send(HttpMethod.Get, $"/v1/customers/search?public_key={PublicKey}", null, auth: false)).IsError(401, 5);
        (await api.Send(HttpMethod.Get, $"/v1/customers/{customer}/cards?public_key={PublicKey}", null, auth: false)).IsError(401, 5);
        Assert.Equal(0, (int)(await api.Get("/v1/customers/search?email=pk@example.com")).Is(HttpStatusCode.OK)["paging"]!["total"]!);
    }

    [Fact]
    public async Task A_request_without_any_credential_is_a_401_with_code_5_on_every_v1_route()
    {
        var api = app.Seller();
        (await api.Send(HttpMethod.Post, "/v1/card_tokens", Bodies.Card(), auth: false)).IsError(401, 5);
        (await api.Send(HttpMethod.Get, "/v1/payment_methods", null, auth: false)).IsError(401, 5);
        using var empty = new HttpRequestMessage(HttpMethod.Get, "/v1/customers/search");
        empty.Headers.TryAddWithoutValidation("Authorization", "Bearer ");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Http.SendAsync(empty)).StatusCode);
    }
}
