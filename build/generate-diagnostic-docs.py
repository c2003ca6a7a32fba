#!/usr/bin/env python3
"""Writes docs/diagnostics/TCRnnnn.md for every descriptor in DiagnosticCatalog.cs that has no page yet.

Pages are a starting point generated from the catalog (title, severity, message); edit them freely afterwards:
existing pages are never overwritten. A test checks that every code has a page, and that every code has its
constant (same name as the catalog field) in DiagnosticCodes.cs, the public list library users match on.
"""
import pathlib, re

root = pathlib.Path(__file__).resolve().parent.parent
catalog = (root / "src/TalosCiliumRender.Core/Diagnostics/DiagnosticCatalog.cs").read_text()
docs = root / "docs/diagnostics"
docs.mkdir(parents=True, exist_ok=True)

pattern = re.compile(
    r'/// <summary>(?P<summary>.*?)</summary>\s*public static readonly DiagnosticDescriptor (?P<field>\w+) = new\("(?P<code>TCR\d{4})", DiagnosticSeverity\.(?P<severity>\w+),\s*"(?P<title>(?:[^"\\]|\\.)*)",\s*"(?P<message>(?:[^"\\]|\\.)*)"\);',
    re.S)
areas = {"0": "configuration and MSBuild", "1": "helm and charts", "2": "patch engine", "3": "YAML", "4": "GitOps-stable output", "5": "output layouts and Talos machine config", "6": "Talos lint", "9": "internal"}
created = 0
for m in pattern.finditer(catalog):
    page = docs / f"{m['code']}.md"
    if page.exists():
        continue
    message = m["message"].replace("\\n", "\n").replace('\\"', '"')
    message = re.sub(r"\{(\d+)\}", lambda g: f"‹{int(g.group(1)) + 1}›", message)
    page.write_text(f"""# {m['code']}: {m['title']}

Severity: **{m['severity'].lower()}** · Area: {areas.get(m['code'][3], 'other')} · Library constant: `DiagnosticCodes.{m['field']}`

{m['summary'].strip()}

## Message

```
{message}
```

(‹n› marks the parts filled in from your input.)

## What to do

The message names the input at fault and the fix. Where it points at a file, the file, line and column are
shown in front of the code (`file(line,col): {m['severity'].lower()} {m['code']}: …`), which editors and CI logs
turn into links. A failed render never changes an existing output file.
""")
    created += 1
print(f"generate-diagnostic-docs: {created} page(s) written to {docs.relative_to(root)}")
