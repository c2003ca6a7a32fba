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
}
