using System.Globalization;
using System.Text;
using QRCoder;

namespace MpEmulator.Payments;

/// <summary>A Pix "copia e cola" code (EMV BR Code with its CRC16) and the PNG QR image of it.</summary>
public static class PixCode
{
    public static string Payload(string key, string merchant, string city, decimal amount, string txid)
    {
        var account = Field("00", "br.gov.bcb.pix") + Field("01", key);
        var payload = Field("00", "01") + Field("26", account) + Field("52", "0000") + Field("53", "986")
                      + Field("54", amount.ToString("0.00", CultureInfo.InvariantCulture)) + Field("58", "BR")
                      + Field("59", Cut(merchant, 25)) + Field("60", Cut(city, 15)) + Field("62", Field("05", Cut(txid, 25)))
                      + "6304";
        return payload + Crc16(payload).ToString("X4");
    }

    public static string PngBase64(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        return Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(4));
    }

    /// <summary>CRC16/CCITT-FALSE, as the BR Code specification requires.</summary>
    public static ushort Crc16(string text)
    {
        ushort crc = 0xFFFF;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            crc ^= (ushort)(b << 8);
            for (var i = 0; i < 8; i++) crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
        }
        return crc;
    }

    static string Field(string id, string value) => id + value.Length.ToString("00") + value;

    static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}
