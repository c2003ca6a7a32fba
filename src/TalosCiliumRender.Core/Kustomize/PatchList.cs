namespace TalosCiliumRender.Core.Kustomize;

/// <summary>Which list a patch came from; it decides how the patch is read and matched.</summary>
internal enum PatchList
{
    PatchesStrategicMerge,
    Patches,
    PatchesJson6902,
}
