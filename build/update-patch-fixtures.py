#!/usr/bin/env python3
"""Fills in `expected:` of the patch test fixtures from the reference tools.

  build/update-patch-fixtures.py [fixture.yaml ...]     default: every fixture under tests/.../Patching/*Cases/

Each fixture is a YAML file with top-level keys `description`, `source`, `patch` and either `expectedError`
(written by hand; the tools are run only to show what they do) or `expected`, which this script rewrites
together with `reference`, the tool the expectation comes from:

  both       `kubectl kustomize` (kustomize v5.5.0) and `kubectl patch --local` agree
  kustomize  they disagree (list order, nulls in added content, ...) or kubectl cannot patch the kind; kustomize wins
  kubectl    the patch uses $retainKeys, $setElementOrder or $deleteFromPrimitiveList, which kustomize 5.5 copies
             into its output verbatim; the engine applies them as Kubernetes does (an intentional divergence)
  manual     written by hand and never rewritten, where both tools are wrong for our purpose; the fixture's
             `divergence` key says why

An `expectedError` fixture gets `rejectedBy` (kustomize, kubectl or both), the reference tool that refuses the
patch too; one that both tools accept needs a `divergence` key saying why we refuse it, or the script fails.
A JSON 6902 fixture may add `renderError` (with `divergence`): `expected` is what kustomize does (and what
`talos-cilium kustomize` does), `renderError` the code patching a render gives instead.

Strategic merge fixtures live in SmpCases/, JSON 6902 fixtures in JsonPatchCases/; for JSON patches `patch` is
a YAML list of operations or a string holding the patch text (for JSON bodies).

Needs python3 with PyYAML (to compare the two tools' outputs) and kubectl on PATH. The product never runs this.
"""

import glob
import os
import re
import subprocess
import sys
import tempfile

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(REPO, "tests", "TalosCiliumRender.Core.Tests", "Patching")
K8S_ONLY_DIRECTIVES = ("$retainKeys", "$setElementOrder/", "$deleteFromPrimitiveList/")


def sections(text):
    """Top-level `key:` sections of a fixture, in order, as (key, raw lines after the key line)."""
    result = []
    for line in text.splitlines():
        match = re.match(r"^([A-Za-z]+):(.*)$", line)
        if match:
            result.append([match.group(1), match.group(2), []])
        elif result:
            result[-1][2].append(line)
    return result


def block(section):
    """The text of a nested block (dedented), or of a literal block scalar."""
    _, inline, lines = section
    inline = inline.strip()
    if inline.startswith("|"):
        indent = min(len(l) - len(l.lstrip()) for l in lines if l.strip())
        return "\n".join(l[indent:] for l in lines).rstrip("\n") + "\n"
    if inline:
        raise SystemExit(f"section {section[0]} must be a block")
    return "\n".join(l[2:] for l in lines).rstrip("\n") + "\n"


def run(args, cwd=None):
    p = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr.strip()


def apply_tools(kind, source, patch):
    """(kustomize rc, output, error), (kubectl rc, output, error)."""
    meta = yaml.safe_load(source)
    with tempfile.TemporaryDirectory() as d:
        open(os.path.join(d, "res.yaml"), "w").write(source)
        open(os.path.join(d, "patch.yaml"), "w").write(patch)
        if kind == "smp":
            kustomization = "resources:\n- res.yaml\npatches:\n- path: patch.yaml\n"
            ptype = "strategic"
        else:
            kustomization = (
                "resources:\n- res.yaml\npatches:\n- path: patch.yaml\n  target:\n"
                f"    kind: {meta['kind']}\n    name: {meta['metadata']['name']}\n"
            )
            ptype = "json"
        open(os.path.join(d, "kustomization.yaml"), "w").write(kustomization)
        k = run(["kubectl", "kustomize", d])
        p = run(["kubectl", "patch", "--local", "-f", os.path.join(d, "res.yaml"), "--type", ptype,
                 "--patch-file", os.path.join(d, "patch.yaml"), "-o", "yaml"])
    return k, p


def indent(text):
    return "".join("  " + l + "\n" if l else "\n" for l in text.rstrip("\n").split("\n"))


def rewrite(parts, drop):
    """The fixture's lines without the sections named in `drop`, trailing blank lines removed."""
    lines = []
    for key, inline, body in parts:
        if key in drop:
            continue
        lines.append(f"{key}:{inline}")
        lines.extend(body)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def update(path):
    kind = "smp" if os.path.basename(os.path.dirname(path)) == "SmpCases" else "json"
    text = open(path).read()
    parts = sections(text)
    named = {p[0]: p for p in parts}
    source, patch = block(named["source"]), block(named["patch"])
    (krc, kout, kerr), (prc, pout, perr) = apply_tools(kind, source, patch)
    name = os.path.relpath(path, CASES)
    if "expectedError" in named:
        print(f"{name}: expects {named['expectedError'][1].strip()}; kustomize rc={krc} {kerr[:150]!r}; kubectl rc={prc} {perr[:150]!r}")
        rejected = "both" if krc != 0 and prc != 0 else "kustomize" if krc != 0 else "kubectl" if prc != 0 else None
        if rejected is None and "divergence" not in named:
            raise SystemExit(f"{name}: kustomize and kubectl both accept this patch; add `divergence:` saying why we refuse it")
        lines = rewrite(parts, ("rejectedBy",))
        if rejected is not None:
            lines.append(f"rejectedBy: {rejected}")
        new = "\n".join(lines) + "\n"
        if new != text:
            open(path, "w").write(new)
            print(f"{name}: updated (rejectedBy {rejected})")
        return
    if "renderError" in named and "divergence" not in named:
        raise SystemExit(f"{name}: renderError needs `divergence:` saying why a render refuses what kustomize accepts")
    if "reference" in named and named["reference"][1].strip() == "manual":
        print(f"{name}: expectation written by hand (see its divergence note); kustomize rc={krc}, kubectl rc={prc}")
        return

    kdoc = yaml.safe_load(kout) if krc == 0 else None
    pdoc = yaml.safe_load(pout) if prc == 0 else None
    if any(d in patch for d in K8S_ONLY_DIRECTIVES):
        if prc != 0:
            raise SystemExit(f"{name}: kubectl patch failed: {perr}")
        reference, output = "kubectl", pout
    elif krc != 0:
        raise SystemExit(f"{name}: kustomize failed ({kerr}); write expectedError instead")
    elif prc == 0 and kdoc == pdoc:
        reference, output = "both", kout
    else:
        reference, output = "kustomize", kout
        print(f"{name}: kubectl {'differs' if prc == 0 else 'fails: ' + perr[:120]}; using kustomize")

    lines = rewrite(parts, ("reference", "expected"))
    lines.append(f"reference: {reference}")
    if output.strip():
        lines.append("expected:")
        new = "\n".join(lines) + "\n" + indent(output)
    else:
        new = "\n".join(lines) + "\nexpected: null\n"
    if new != text:
        open(path, "w").write(new)
        print(f"{name}: updated ({reference})")


def main(argv):
    paths = argv[1:] or sorted(glob.glob(os.path.join(CASES, "*Cases", "*.yaml")))
    for path in paths:
        update(path)


if __name__ == "__main__":
    main(sys.argv)
