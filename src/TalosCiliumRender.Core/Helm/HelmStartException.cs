namespace TalosCiliumRender.Core.Helm;

/// <summary>The helm executable could not be started; callers turn it into a coded diagnostic.</summary>
internal sealed class HelmStartException(string reason, Exception inner) : Exception(reason, inner)
{
    /// <summary>Why the start failed, from the operating system.</summary>
    public string Reason => Message;
}
