namespace MpEmulator.Testing;

/// <summary>A seller registered on the emulator: its own customers, cards, payments and webhook secret, so tests
/// that share a server never see each other's data.</summary>
public sealed record MpSeller(string AccessToken, string PublicKey, string WebhookSecret, long UserId, string SiteId, string? NotificationUrl);
