"""The screening web page served by `yalu serve` at `/`: a form, the lists in use, results.

Server-rendered with Jinja2; no JavaScript and no external assets (a Content-Security-Policy
of `default-src 'self'` enforces it).
"""
