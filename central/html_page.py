"""What central's public pages share (the follow-up page, the account pages, the phone's log-in pages): the HTML
document around their content, the security headers allowing their one inline style by its hash, and the form
field with its label, help and error.

Plain French HTML, no script, no external resource. A field follows the accessible pattern: a label, the help
beside the field, an error as text next to it (tied by ``aria-describedby``, the field ``aria-invalid``), and the
field in error focused on load (``autofocus``: no script needed).
"""

from __future__ import annotations

import base64
import hashlib
import html

e = html.escape


def t(text: str) -> str:
    """Text between tags: no quote needs escaping there (French has many apostrophes)."""
    return html.escape(text, quote=False)


def headers_for(style: str) -> dict[str, str]:
    """The headers of a page whose one inline style is ``style``: nothing else loads, nothing frames it."""
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    return {
        "Content-Security-Policy": (
            f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; form-action 'self'; "
            "base-uri 'none'; frame-ancestors 'none'"
        ),
        # The address may hold a code or a link's token: no cache keeps the page, no other site learns the address.
        "Cache-Control": "no-store",
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
    }


def document(title: str, main: str, style: str, site: str) -> str:
    """The page: ``main`` in a French document titled "``title`` — ``site``", styled by ``style``."""
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n<link rel="icon" href="data:,">\n'
        f"<title>{t(title)} — {t(site)}</title>\n<style>{style}</style>\n</head>\n"
        f"<body>\n<main>\n{main}</main>\n</body>\n</html>\n"
    )


def field(
    name: str,
    label: str,
    kind: str,
    *,
    value: str = "",
    help_text: str | None = None,
    error: str | None = None,
    focus: bool = False,
    extra: str = "",
) -> str:
    """A labelled ``<input type=kind>`` named and identified ``name``; ``extra``: its other attributes."""
    described = [i for i in (f"{name}-aide" if help_text else None, f"{name}-erreur" if error else None) if i]
    attributes = [f'id="{name}" name="{name}" type="{kind}" {extra}'.strip()]
    if value:
        attributes.append(f'value="{e(value)}"')
    if described:
        attributes.append(f'aria-describedby="{" ".join(described)}"')
    if error:
        attributes.append('aria-invalid="true"')
    if focus:
        attributes.append("autofocus")
    parts = [f'<label for="{name}">{t(label)}</label>\n']
    if help_text:
        parts.append(f'<p class="aide" id="{name}-aide">{t(help_text)}</p>\n')
    if error:
        parts.append(f'<p class="erreur" id="{name}-erreur">Erreur : {t(error)}</p>\n')
    parts.append(f"<input {' '.join(attributes)}>\n")
    return "".join(parts)
