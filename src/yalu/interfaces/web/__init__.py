"""The web pages served by `yalu serve`: screening at `/` and the audit trail at `/audit`.

The screening page has a form, the lists in use and the results; `/audit/{id}` shows one
screening in full.

Server-rendered with Jinja2, with no external assets (a Content-Security-Policy of
`default-src 'self'` enforces it). The only script is `static/job_progress.js`, on the pages
of background jobs (`page_jobs`), which follows a job's progress; without it they reload.
"""
