namespace TalosCiliumRender.Core.Tests.Stability;

/// <summary>A chart folder written by a test: Chart.yaml plus the templates it names. Real helm renders it.</summary>
internal static class TinyChart
{
    public static string Write(TempDirectory temp, string folder, params (string Name, string Text)[] templates)
    {
        temp.WriteFile($"{folder}/Chart.yaml", "apiVersion: v2\nname: tiny\nversion: 0.1.0\n");
        temp.WriteFile($"{folder}/values.yaml", "dnsNames: [demo.svc]\n");
        foreach (var (name, text) in templates)
        {
            temp.WriteFile($"{folder}/templates/{name}", text);
        }

        return temp.Combine(folder);
    }

    /// <summary>Random values in a Secret and a ConfigMap, next to a ConfigMap that is always the same.</summary>
    public static readonly (string, string)[] Random =
    [
        ("credentials.yaml", """
            apiVersion: v1
            kind: Secret
            metadata:
              name: tiny-credentials
              namespace: {{ .Release.Namespace }}
            data:
              user: {{ "admin" | b64enc }}
              password: {{ randAlphaNum 24 | b64enc }}
            """),
        ("identity.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: tiny-identity
              namespace: {{ .Release.Namespace }}
            data:
              id: {{ uuidv4 | quote }}
              fixed: "yes"
            """),
        ("static.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: tiny-static
              namespace: {{ .Release.Namespace }}
            data:
              greeting: hello
            """),
    ];

    /// <summary>
    /// A CA whose key is not kept, a certificate it signs, and the CA again in a webhook's <c>caBundle</c> and a
    /// ConfigMap: the pattern of many charts that generate webhook certificates.
    /// </summary>
    public static readonly (string, string)[] Webhook =
    [
        ("webhook.yaml", """
            {{- $ca := genCA "tiny-ca" 365 }}
            {{- $cert := genSignedCert "tiny.svc" nil .Values.dnsNames 90 $ca }}
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: tiny-webhook-tls
              namespace: {{ .Release.Namespace }}
            type: kubernetes.io/tls
            data:
              tls.crt: {{ $cert.Cert | b64enc }}
              tls.key: {{ $cert.Key | b64enc }}
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: MutatingWebhookConfiguration
            metadata:
              name: tiny
            webhooks:
              - name: tiny.example.com
                admissionReviewVersions: [v1]
                sideEffects: None
                clientConfig:
                  caBundle: {{ $ca.Cert | b64enc }}
                  service:
                    name: tiny
                    namespace: {{ .Release.Namespace }}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: tiny-ca
              namespace: {{ .Release.Namespace }}
            data:
              ca.crt: |
            {{ $ca.Cert | indent 4 }}
            """),
    ];
}
