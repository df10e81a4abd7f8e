"""The look of the application: a calm, light clinical theme with one accent colour and the STOP red.

Colours are hex strings so both the style sheet and the painting code (plots, body map) use the same
values. Sizes are in points; nothing smaller than 10 pt is shown.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

BACKGROUND = "#F4F6F8"
SURFACE = "#FFFFFF"
BORDER = "#CBD3DA"
TEXT = "#1E2A33"
TEXT_MUTED = "#5B6B78"
ACCENT = "#1D6FA5"
ACCENT_LIGHT = "#D6E8F5"
STOP_RED = "#C62828"
STOP_RED_DARK = "#8E1B1B"

# Alarm priorities (IEC 60601-1-8 colours): high red, medium amber, low cyan. Each has the text colour
# that keeps a contrast ratio of at least 4.5:1 on it (WCAG AA), and a second background for the
# "off" phase of a flashing indicator (high and medium flash; the text stays readable in both phases).
ALARM_HIGH = STOP_RED
ALARM_HIGH_TEXT = "#FFFFFF"
ALARM_HIGH_FLASH = STOP_RED_DARK
ALARM_MEDIUM = "#F2A900"
ALARM_MEDIUM_TEXT = TEXT
ALARM_MEDIUM_FLASH = "#FFE08A"
ALARM_LOW = "#00A3C4"
ALARM_LOW_TEXT = TEXT
# An acknowledged alarm, collapsed to a thin line until the gun clears it.
ALARM_ACKNOWLEDGED = "#EEF2F5"
ALARM_ACKNOWLEDGED_TEXT = TEXT

# Point states on the body map (colour and shape both differ, for colour-blind readers).
POINT_TODO = "#8A99A6"
POINT_CURRENT = ACCENT
POINT_DONE = "#2E7D32"
POINT_PARTIAL = "#E08E00"
POINT_SKIPPED = "#8A99A6"

# Plot curves.
CURVE_NEEDLE = ACCENT
CURVE_PLUNGER = "#6A4C93"
CURVE_PRESSURE = "#B5651D"
BODY_OUTLINE = "#7D8D99"
BODY_FILL = "#EEF2F5"

BASE_FONT_PT = 11
SMALL_FONT_PT = 10
TITLE_FONT_PT = 14
STOP_FONT_PT = 20

STYLE_SHEET = f"""
QWidget {{
    color: {TEXT};
}}
QMainWindow, QDialog {{
    background: {BACKGROUND};
}}
QToolBar {{
    background: {SURFACE};
    border: none;
    border-bottom: 1px solid {BORDER};
    padding: 4px;
    spacing: 8px;
}}
QGroupBox {{
    background: {SURFACE};
    border: 1px solid {BORDER};
    border-radius: 6px;
    margin-top: 14px;
    padding: 10px 8px 8px 8px;
    font-weight: 600;
}}
QGroupBox::title {{
    subcontrol-origin: margin;
    left: 10px;
    padding: 0 4px;
    color: {TEXT_MUTED};
}}
QGroupBox QLabel, QGroupBox QCheckBox {{
    font-weight: normal;
}}
QPushButton {{
    background: {SURFACE};
    border: 1px solid {BORDER};
    border-radius: 4px;
    padding: 5px 12px;
    min-height: 22px;
}}
QPushButton:hover {{
    border-color: {ACCENT};
}}
QPushButton:pressed, QPushButton:checked {{
    background: {ACCENT_LIGHT};
    border-color: {ACCENT};
}}
QPushButton:disabled {{
    color: {TEXT_MUTED};
    background: {BACKGROUND};
}}
QPushButton[accent="true"] {{
    background: {ACCENT};
    border-color: {ACCENT};
    color: white;
    font-weight: 600;
}}
QPushButton[accent="true"]:disabled {{
    background: {BORDER};
    border-color: {BORDER};
}}
QPushButton#emergencyStop {{
    background: {STOP_RED};
    border: 2px solid {STOP_RED_DARK};
    border-radius: 8px;
    color: white;
    font-weight: 800;
    font-size: {STOP_FONT_PT}pt;
    padding: 6px 22px;
}}
QPushButton#emergencyStop:pressed {{
    background: {STOP_RED_DARK};
}}
QComboBox, QLineEdit {{
    background: {SURFACE};
    border: 1px solid {BORDER};
    border-radius: 4px;
    padding: 3px 6px;
    min-height: 22px;
}}
QTableWidget, QListWidget {{
    background: {SURFACE};
    border: 1px solid {BORDER};
    gridline-color: {BACKGROUND};
}}
QHeaderView::section {{
    background: {BACKGROUND};
    border: none;
    border-bottom: 1px solid {BORDER};
    padding: 4px;
    color: {TEXT_MUTED};
}}
QLabel[muted="true"] {{
    color: {TEXT_MUTED};
}}
QLabel[heading="true"] {{
    font-size: {TITLE_FONT_PT}pt;
    font-weight: 600;
}}
QTabBar::tab {{
    background: {BACKGROUND};
    border: 1px solid {BORDER};
    padding: 5px 12px;
}}
QTabBar::tab:selected {{
    background: {SURFACE};
    border-bottom-color: {SURFACE};
    color: {ACCENT};
}}
"""


def apply_theme(app: QApplication) -> None:
    """Give ``app`` the Fusion style, a light palette, an 11 pt font and the style sheet."""
    app.setStyle("Fusion")
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(BACKGROUND))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Base, QColor(SURFACE))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor(BACKGROUND))
    palette.setColor(QPalette.ColorRole.Text, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Button, QColor(SURFACE))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#FFFFFF"))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor(SURFACE))
    palette.setColor(QPalette.ColorRole.ToolTipText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(TEXT_MUTED))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setPointSize(BASE_FONT_PT)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
