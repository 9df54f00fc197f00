"""A Qt binding that loses references crashes the program after a while of ordinary use
(PySide6 6.12.0: 'none_dealloc' after a few thousand setText calls). Guard against it."""

import sys

import pytest
from PySide6.QtWidgets import QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12),
                    reason="None is immortal from Python 3.12: its count cannot run down")
def test_qt_calls_keep_pythons_reference_counts(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(200):
        label.setText(str(i))
    assert sys.getrefcount(None) >= before - 5
