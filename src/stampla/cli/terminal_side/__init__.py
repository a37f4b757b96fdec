"""The terminal-side commands: what runs beside a time terminal rather than at the server.

``punch`` and ``push`` post punches through the client package (``stampla.client``), with an
outbox so that nothing is lost while the server is away; ``outbox`` shows and drains it;
``agent`` keeps draining it as a service. They need no database, only the server's address
and an integration's keys (``shared``). The operator's commands (registers, attest, schedules,
rules, serving) are the other modules of ``stampla.cli``.
"""
