namespace TalosCiliumRender.Core.Tests.Stability;

/// <summary>The system clock moved by a fixed offset: "a year from now" for certificate renewal tests.</summary>
internal sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
