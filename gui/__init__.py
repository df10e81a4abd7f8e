"""The mesogun desktop application: PySide6 + pyqtgraph views over the ``mesogun`` device API.

The GUI owns no clinical state and no protocol knowledge; it never waits on the device (device calls
run on worker threads, results come back as queued signals).
"""
