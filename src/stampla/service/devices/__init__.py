"""Devices that punch without an integration: ZKTeco ADMS terminals (docs/devices.md)."""
