"""Shared by the bench scripts that compare viommu cpp with GNU cpp."""


def without_excerpts(stderr):
    """cpp's stderr less the source excerpt and caret lines it prints under each message (viommu prints none)."""
    kept = [line for line in stderr.split(b"\n")
            if not ((line.lstrip(b" ")[:1].isdigit() and b" | " in line) or line.strip().startswith(b"|"))]
    return b"\n".join(kept).strip()
