"""Why a batch row or cell was rejected, and what a batch run warns of, in English and
Chinese: part of the ``batch`` area (``capassess.texts.batch`` takes these tables in).

Each English text is the one its maker writes (``values``, the batch's judges and
readers, the score table's writer); ``capassess.batch.wording`` recognises it and says it
again in the run's language, its fields carried over. Keys: ``why_*`` for reasons in
rejected.csv and ignored.csv, ``note_*`` for warnings, ``say_*`` for words inside fields.
"""

from __future__ import annotations

EN: dict[str, str] = {
    # cell values (capassess.values)
    "why_level": "{value} is not a level; expected a whole number 1..5",
    "why_option": "{value} is not an option; expected one of: {ids}",
    "why_option_twice": "{value} matches more than one option: {ids}; write the option id",
    "why_options": "{value} not among the options: {ids}",
    "why_yes_no": "{value} is not yes/no; expected true or false",
    "why_below": "{value} is below the minimum {limit}",
    "why_above": "{value} is above the maximum {limit}",
    "why_infinite": "{value} is not a finite number",
    "why_number": "{value} is not a number",
    "why_too_large": "the number is too large to be a finite number",
    "why_comma": "{value}: cannot tell the decimal comma from a thousands separator; write "
    "the figure with a decimal point (3.5) and no separators",
    "why_sheet_error": "the cell holds the spreadsheet error {value}; fix its formula or "
    "enter the value",
    "why_formula": "the cell holds a formula with no computed value ({value}); open the "
    "file in Excel or WPS, let it calculate, and save it again",
    "why_placeholder": "{value} is not an answer; write n/a (or na, 不适用) if the question "
    "does not apply, or leave the cell blank if the answer is missing",
    "why_invalid": "invalid value",
    # rows (capassess.batch.judge, collect, csv_reader)
    "why_no_id": "no unit id",
    "why_long_id": "the unit id is longer than {limit} characters",
    "why_no_answer": "no answer, and the missing-answer policy is 'error'",
    "why_control": "the {column} holds a control character (such as NUL or escape)",
    "why_duplicate": "duplicate unit id, also at {places}",
    "why_ragged": "the row has {cells} cells but the header has {header}",
    # warnings (encoding, csv_reader, sources, xlsx_reader, runner, outputs)
    "note_gb18030": "the file is valid UTF-8, but reads as Chinese text only as GB18030 "
    "(GBK), so it was read as GB18030; pass --encoding utf-8 if names look wrong",
    "note_utf8": "the file could be UTF-8 or GB18030 (GBK); it was read as UTF-8: pass "
    "--encoding gb18030 if names look wrong",
    "note_delimiter": "columns are separated by {delimiter}",
    "note_text_xls": "the {suffix} file is delimited text, not a workbook; read as such",
    "note_formulas": "a .{kind} file is read without its formulas: an error cell (#DIV/0!, "
    "#N/A) or a formula without a stored value reads as blank, a missing answer; save the "
    "workbook as .xlsx to have them rejected with their error",
    "note_percent": "a .{kind} file does not show number formats: a cell formatted as 45% "
    "is read as 0.45 in {ids}; type 45% as text, or save the workbook as .xlsx",
    "note_unknown": "unknown column(s) ignored: {columns}",
    "note_xlsx_rows": "scores.xlsx not written: {rows} units and the header exceed Excel's "
    "{limit} rows a sheet; scores.csv holds every unit",
    "note_xlsx_columns": "scores.xlsx not written: {columns} columns exceed Excel's {limit} "
    "a sheet; scores.csv holds every column",
    "note_where": "{path}: {text}",
    # the exit of a run with rejected rows
    "gate_rejected": "{n} row(s) rejected; see {where} (--allow-rejects to exit 0)",
    "error_lead": "error: ",
    # words inside fields
    "say_place": "{source} row {row}",
    "say_more": "{places} and {n} more",
    "say_sep": ", ",
    "say_tabs": "tabs",
    "say_semicolons": "semicolons",
}

ZH: dict[str, str] = {
    "why_level": "{value} 不是等级；应为 1 至 5 的整数",
    "why_option": "{value} 不是选项；应为以下之一：{ids}",
    "why_option_twice": "{value} 对应多个选项：{ids}；请填写选项编号",
    "why_options": "{value} 不在选项中：{ids}",
    "why_yes_no": "{value} 不是“是/否”；应为 true 或 false（是或否）",
    "why_below": "{value} 低于最小值 {limit}",
    "why_above": "{value} 高于最大值 {limit}",
    "why_infinite": "{value} 不是有限数值",
    "why_number": "{value} 不是数值",
    "why_too_large": "数值过大，不是有限数值",
    "why_comma": "{value}：无法判断逗号是小数点还是千位分隔符；请用小数点（3.5）且不加分隔符",
    "why_sheet_error": "单元格为电子表格错误值 {value}；请修正公式或填写数值",
    "why_formula": "单元格为没有计算结果的公式（{value}）；请在 Excel 或 WPS 中打开，"
    "计算后重新保存",
    "why_placeholder": "{value} 不是答案；题目不适用请填写 n/a（或 na、不适用），缺少答案请留空",
    "why_invalid": "无效的值",
    "why_no_id": "没有单位编号",
    "why_long_id": "单位编号超过 {limit} 个字符",
    "why_no_answer": "未作答，且缺失答案规则为“error”（报错）",
    "why_control": "{column} 含控制字符（如 NUL 或 ESC）",
    "why_duplicate": "单位编号重复，另见 {places}",
    "why_ragged": "该行有 {cells} 个单元格，而表头有 {header} 个",
    "note_gb18030": "该文件是有效的 UTF-8，但只有按 GB18030（GBK）读取才是中文，"
    "因此按 GB18030 读取；如名称显示异常，请加 --encoding utf-8",
    "note_utf8": "该文件既可能是 UTF-8，也可能是 GB18030（GBK），已按 UTF-8 读取；"
    "如名称显示异常，请加 --encoding gb18030",
    "note_delimiter": "各列以{delimiter}分隔",
    "note_text_xls": "该 {suffix} 文件是分隔文本而非工作簿，已按文本读取",
    "note_formulas": ".{kind} 文件读取时不含公式：错误单元格（#DIV/0!、#N/A）或没有保存"
    "计算结果的公式读作空白，即缺少答案；将工作簿另存为 .xlsx，可使其按错误拒收",
    "note_percent": ".{kind} 文件不显示数字格式：{ids} 中设为 45% 格式的单元格读作 0.45；"
    "请以文本形式输入 45%，或将工作簿另存为 .xlsx",
    "note_unknown": "已忽略未知列：{columns}",
    "note_xlsx_rows": "未写入 scores.xlsx：{rows} 个单位加表头超过 Excel 每个工作表 {limit} "
    "行的上限；scores.csv 包含全部单位",
    "note_xlsx_columns": "未写入 scores.xlsx：{columns} 列超过 Excel 每个工作表 {limit} "
    "列的上限；scores.csv 包含全部列",
    "note_where": "{path}：{text}",
    "gate_rejected": "已拒收 {n} 行；详见 {where}（加 --allow-rejects 则以 0 退出）",
    "error_lead": "错误：",
    "say_place": "{source} 第 {row} 行",
    "say_more": "{places}等，另有 {n} 处",
    "say_sep": "、",
    "say_tabs": "制表符",
    "say_semicolons": "分号",
}
