"""Payroll export: PAXml 2.0 and CSV files from day rows, and the runs that wrote them."""

from .runs import (
    FORMATS,
    Built,
    CodeTotal,
    ExportRequest,
    ExportRunView,
    export,
    list_runs,
    preview,
    run_file,
)

__all__ = [
    "FORMATS",
    "Built",
    "CodeTotal",
    "ExportRequest",
    "ExportRunView",
    "export",
    "list_runs",
    "preview",
    "run_file",
]
