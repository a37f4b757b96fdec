"""Auto stamp-out: a synthetic Out for sessions left open, made by a periodic job.

``settings`` (the company's rule, audited), ``job`` (one run, under a lease), ``runner``
(the job inside ``stampla serve``), ``values`` (how the settings are written). The rules are
in ``stampla.domain.auto_stamp_out`` and docs/auto-stamp-out.md. Import the submodules: the
terminal register uses ``values``, and this package must not import the registers back.
"""
