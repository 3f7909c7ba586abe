"""The XLSX collection sheet, written with openpyxl.

Sheet ``data``: the header row, the label row, frozen panes below and right of them,
and a data validation per question column: a drop-down of the option ids (choice), of
1..5 (level) or yes/no (bool), each with ``n/a``; a range check for numbers that also
lets ``n/a`` through; an input prompt for multi-choice. Sheet ``questions``: every
question with its dimension, capability, type, text and allowed values. A hidden
sheet ``lists`` holds the drop-down values, so that long option lists work too. A
control character in a questionnaire's text is written as ``\\xNN`` (``terminal_safe``):
a worksheet cannot hold it.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from capassess.batch.neutralise import neutralise
from capassess.batch.template import (
    TemplateOptions,
    allowed_values,
    describe_values,
    header,
    label_row,
)
from capassess.batch.xlsx_writer import column_letter
from capassess.model.answers import NA
from capassess.model.base import Lang
from capassess.model.questionnaire import MultiQuestion, NumberQuestion, Question, Questionnaire
from capassess.terminal_text import terminal_safe
from capassess.texts import words

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

LAST_ROW = 1_048_576
PROMPT_LIMIT = 250
SHEET_COLUMNS = ("id", "dimension", "capability", "type", "question", "values", "help")
"""The columns of the ``questions`` sheet (``sheet_<column>`` in the batch words)."""


def _validation(question: Question, column: str, first: int, lists: dict[str, str]) -> Any:
    """The data validation of one question's column."""
    from openpyxl.worksheet.datavalidation import DataValidation

    cell = f"{column}{first}"
    if isinstance(question, NumberQuestion):
        checks = [f"ISNUMBER({cell})"]
        checks += [f"{cell}>={question.min:g}"] if question.min is not None else []
        checks += [f"{cell}<={question.max:g}"] if question.max is not None else []
        return DataValidation(type="custom", formula1=f'OR(AND({",".join(checks)}),{cell}="{NA}")')
    if isinstance(question, MultiQuestion):
        return DataValidation(type="custom", formula1="TRUE")
    return DataValidation(type="list", formula1=lists[question.id])


def _lists_sheet(workbook: Any, questionnaire: Questionnaire, lang: Lang) -> dict[str, str]:
    """Write each question's drop-down values to the hidden ``lists`` sheet."""
    sheet = workbook.create_sheet("lists")
    sheet.sheet_state = "hidden"
    ranges = {}
    for i, (_, _, question) in enumerate(questionnaire.questions()):
        values = allowed_values(question, lang)
        if not values or isinstance(question, MultiQuestion):
            continue
        letter = column_letter(i)
        for row, value in enumerate([*values, NA], 1):
            sheet.cell(row=row, column=i + 1, value=terminal_safe(value)).number_format = "@"
        ranges[question.id] = f"lists!${letter}$1:${letter}${len(values) + 1}"
    return ranges


def _data_sheet(sheet: Worksheet, questionnaire: Questionnaire, options: TemplateOptions) -> int:
    """Write the header (and label) rows; return the first data row."""
    from openpyxl.styles import Alignment, Font, PatternFill

    columns = header(questionnaire, options)
    sheet.append([terminal_safe(c) for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="14304F")
    if options.labels:
        sheet.append([terminal_safe(c) for c in label_row(questionnaire, options)])
        for cell in sheet[2]:
            cell.font = Font(italic=True, color="4B5563")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[2].height = 60
    for i, name in enumerate(columns):
        sheet.column_dimensions[column_letter(i)].width = 24 if name == "name" else 16
        sheet.column_dimensions[column_letter(i)].number_format = "@" if i < 2 else "General"
    first = 3 if options.labels else 2
    sheet.freeze_panes = f"{column_letter(2 + len(options.groups))}{first}"
    return first


def _validate(sheet: Worksheet, questionnaire: Questionnaire, options: TemplateOptions,
              first: int, lists: dict[str, str]) -> None:  # fmt: skip
    """Add a data validation with an input prompt to every question column."""
    offset = 2 + len(options.groups)
    for i, (_, _, question) in enumerate(questionnaire.questions()):
        letter = column_letter(offset + i)
        rule = _validation(question, letter, first, lists)
        rule.allow_blank = True
        rule.error, rule.errorTitle = words("batch", options.lang)["not_allowed"], question.id
        rule.prompt = terminal_safe(describe_values(question, options.lang))[:PROMPT_LIMIT]
        rule.promptTitle = question.id[:32]
        rule.showErrorMessage = not isinstance(question, MultiQuestion)
        rule.showInputMessage = True
        rule.add(f"{letter}{first}:{letter}{LAST_ROW}")
        sheet.add_data_validation(rule)


def _questions_sheet(workbook: Any, questionnaire: Questionnaire, lang: Lang) -> None:
    """The ``questions`` sheet: one row per question, explained."""
    from openpyxl.styles import Alignment, Font

    sheet = workbook.create_sheet("questions")
    sheet.append([words("batch", lang)[f"sheet_{c}"] for c in SHEET_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for dim, cap, q in questionnaire.questions():
        help_text = q.help.get(lang) if q.help else ""
        texts = [q.id, dim.title.get(lang), cap.title.get(lang), q.type, q.text.get(lang),
                 describe_values(q, lang) + f"; {NA}", help_text]  # fmt: skip
        sheet.append([terminal_safe(neutralise(t)) for t in texts])
    for letter, width in zip("ABCDEFG", (18, 16, 22, 9, 50, 60, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"


def xlsx_template(questionnaire: Questionnaire, options: TemplateOptions) -> bytes:
    """The XLSX collection sheet's bytes."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "data"
    first = _data_sheet(sheet, questionnaire, options)
    _questions_sheet(workbook, questionnaire, options.lang)
    lists = _lists_sheet(workbook, questionnaire, options.lang)
    _validate(sheet, questionnaire, options, first, lists)
    buffer = io.BytesIO()  # openpyxl failing to write a file prints a traceback at exit
    workbook.save(buffer)
    return buffer.getvalue()
