"""The screens of the main window's central area."""
