#!/usr/bin/env python3
"""Finds user-visible string literals in widgets/ and app/ that do not go through tr():
a literal passed straight to a Qt call that shows text (setText, setWindowTitle, addAction,
QLabel(...), ...). A line may opt out with a trailing `// untranslated: <reason>` (file
names, units, data). Prints file:line: text for each and exits 1 when any is found."""
import re
import sys
from pathlib import Path

root = Path(sys.argv[1])
calls = (r'setText|setWindowTitle|setToolTip|setStatusTip|setWhatsThis|setPlaceholderText|'
         r'addAction|addMenu|setTitle|showMessage|setLabelText|setTabText|setHeaderLabels?|'
         r'setWindowIconText|information|warning|critical|question|about|getOpenFileName|'
         r'getSaveFileName|getExistingDirectory|QLabel|QPushButton|QToolButton|QCheckBox|'
         r'QRadioButton|QGroupBox|QAction|QMenu|QDockWidget|setButtonText|addButton')
# The call, optionally a first argument that is not a string (a parent, an icon), then a literal
# (plain, QStringLiteral or QLatin1String) with at least two letters in a row.
pattern = re.compile(r'\b(' + calls + r')\s*\(\s*(?:[\w:>\-.*&()]+\s*,\s*)*'
                     r'(?:QStringLiteral\(|QLatin1String\(|u)?"([^"\\]*(?:\\.[^"\\]*)*)"')
found = 0
for path in sorted(list(root.glob('widgets/**/*.cpp')) + list(root.glob('app/**/*.cpp'))):
    for n, line in enumerate(path.read_text(encoding='utf-8').splitlines(), 1):
        if 'untranslated:' in line or line.lstrip().startswith('//'):
            continue
        for m in pattern.finditer(line):
            text = m.group(2)
            if not re.search(r'[A-Za-z]{2}', text):
                continue
            found += 1
            print(f'{path.relative_to(root)}:{n}: "{text}" is shown without tr()')
if found:
    print(f'{found} user-visible string(s) not translatable: wrap them in tr() '
          '(or mark the line "// untranslated: why")')
sys.exit(1 if found else 0)
