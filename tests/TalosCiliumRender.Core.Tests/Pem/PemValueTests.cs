using TalosCiliumRender.Core.Pem;

namespace TalosCiliumRender.Core.Tests.Pem;

public sealed class PemValueTests
{
    private const string Pem = "-----BEGIN CERTIFICATE-----\nQUJD\nREVG\n-----END CERTIFICATE-----\n";

    [Test]
    public void Plain_and_base64_PEM_are_recognised_and_rebuilt_in_their_own_form()
    {
        var plain = PemValue.TryParse("before\n" + Pem + "after\n")!;
        var encoded = PemValue.TryParse(TestPki.Base64(Pem))!;

        Assert.Multiple(() =>
        {
            Assert.That(plain.Form, Is.EqualTo(PemForm.Plain));
            Assert.That(plain.Blocks.Single().Body, Is.EqualTo("QUJDREVG"));
            Assert.That(plain.Replace(_ => "X"), Is.EqualTo("before\nX\nafter\n"), "surrounding text and line breaks stay");
            Assert.That(encoded.Form, Is.EqualTo(PemForm.Base64));
            Assert.That(encoded.Blocks.Single().Label, Is.EqualTo("CERTIFICATE"));
            Assert.That(encoded.Encode(encoded.Text), Is.EqualTo(TestPki.Base64(Pem)));
            Assert.That(PemValue.TryParse("hello"), Is.Null);
            Assert.That(PemValue.TryParse(TestPki.Base64("hello")), Is.Null);
            Assert.That(PemValue.TryParse("LS0tLS1CRUdJTi%%%"), Is.Null);
        });
    }

    [Test]
    public void A_place_that_decides_the_form_reads_base64_with_leading_text_and_never_takes_plain_PEM_for_base64()
    {
        var afterText = PemValue.TryParse(TestPki.Base64("# bundle\n" + Pem), PemForm.Base64);

        Assert.Multiple(() =>
        {
            Assert.That(afterText?.Blocks.Single().Label, Is.EqualTo("CERTIFICATE"), "a Secret data value need not start with its block");
            Assert.That(PemValue.TryParse(TestPki.Base64("# bundle\n" + Pem)), Is.Null, "told apart by content, base64 must start with one");
            Assert.That(PemValue.TryParse(Pem, PemForm.Base64), Is.Null, "plain PEM is not base64");
            Assert.That(PemValue.TryParse(Pem, PemForm.Plain)?.Form, Is.EqualTo(PemForm.Plain));
            Assert.That(PemValue.TryParse(string.Empty, PemForm.Base64), Is.Null);
            Assert.That(PemValue.Decode(Convert.ToBase64String(new byte[] { 0xFF, 0xFE }), PemForm.Base64), Is.Null, "not UTF-8 text");
        });
    }

    [Test]
    public void A_private_key_is_mentioned_even_when_its_block_is_damaged_or_has_headers()
    {
        const string Legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nQUJD\n-----END RSA PRIVATE KEY-----\n";

        Assert.Multiple(() =>
        {
            Assert.That(PemValue.MentionsPrivateKey(Legacy), Is.True);
            Assert.That(PemValue.TryParse(Legacy), Is.Null, "headers are not a block carry-over can read");
            Assert.That(PemValue.MentionsPrivateKey("-----BEGIN PRIVATE KEY-----\nQUJD"), Is.True, "cut off");
            Assert.That(PemValue.MentionsPrivateKey(Pem), Is.False);
        });
    }
}
