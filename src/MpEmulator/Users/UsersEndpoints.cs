using Microsoft.Extensions.Options;
using MpEmulator.Infrastructure;

namespace MpEmulator.Users;

public static class UsersEndpoints
{
    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        app.MapGet("/users/me", (Seller seller, IOptions<EmulatorOptions> options) => TypedResults.Ok(UserRules.Of(seller, options.Value.Offset)))
            .WithTags("Users").Produces<User>();
        return app;
    }
}
