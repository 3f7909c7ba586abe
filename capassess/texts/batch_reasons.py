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
    "why_level_disagree": "{value}: the number is level {number} but {name} is level {level}; "
    "write one level ({forms})",
    "why_level_ambiguous": "{value} is the name of more than one level ({levels}); write "
    "the level's number ({forms})",
    "why_level_word": "{value} is not a level; expected a whole number 1..5 or a level's "
    "name ({forms})",
    "say_level_forms": "for level 3: 3, L3, 3级, {names} or 3 {name}",
    "say_level_forms_plain": "for level 3: 3, L3 or 3级",
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
    "why_thousand_points": "{value}: in a file separated by semicolons a point may group "
    "thousands; write the figure with no thousands separator (1200, or 1,2 for one point two)",
    "why_sheet_error": "the cell holds the spreadsheet error {value}; fix its formula or "
    "enter the value",
    "why_formula": "the cell holds a formula with no computed value ({value}); open the "
    "file in Excel or WPS, let it calculate, and save it again",
    "why_placeholder_level": "{value} is not an answer; write the level that fits (1 when "
    "there is nothing yet), n/a (or na, 不适用) only if the question does not apply, or leave "
    "the cell blank if the answer is missing",
    "why_placeholder_number": "{value} is not an answer; write the figure (0 when there is "
    "none), n/a (or na, 不适用) only if the question does not apply, or leave the cell blank "
    "if the answer is missing",
    "why_placeholder_choice": "{value} is not an answer; write the option that fits ({ids}), "
    "n/a (or na, 不适用) only if the question does not apply, or leave the cell blank if the "
    "answer is missing",
    "why_placeholder_multi": "{value} is not an answer; write none (or 无) when no option "
    "holds, n/a (or na, 不适用) only if the question does not apply, or leave the cell blank "
    "if the answer is missing",
    "why_placeholder_bool": "{value} is not an answer; write no (or 否) when it does not hold, "
    "n/a (or na, 不适用) only if the question does not apply, or leave the cell blank if the "
    "answer is missing",
    "why_invalid": "invalid value",
    # rows (capassess.batch.judge, collect, csv_reader)
    "why_no_id": "no unit id",
    "why_long_id": "the unit id is longer than {limit} characters",
    "why_long_text": "the {column} is longer than {limit} characters",
    "why_swallowed": "the {column} holds lines that read as rows of their own ({line}): a "
    "quote opened in this row is not closed; close it, or remove it",
    "why_no_answer": "no answer, and the missing-answer policy is 'error'",
    "why_control": "the {column} holds a control character (such as NUL, escape or a "
    "right-to-left mark)",
    "why_duplicate": "duplicate unit id, also at {places}",
    "why_ragged": "cells in the row: {cells}; in the header: {header}",
    "why_ragged_quote": "cells in the row: {cells}; in the header: {header}; it holds lines "
    "that read as rows of their own ({line}): a quote opened in this row is not closed; close "
    "it, or remove it",
    "why_no_question": "no question answered in the row",
    "why_no_question_file": "no question answered in the file",
    "why_no_valid": "no valid answer in the row: each answer in it is invalid (see ignored.csv)",
    "why_no_valid_file": "no valid answer in the file: each answer in it is invalid "
    "(see ignored.csv)",
    # warnings (encoding, csv_reader, sources, xlsx_reader, runner, outputs)
    "note_gb18030": "the file is valid UTF-8, but reads as Chinese text only as GB18030 "
    "(GBK), so it was read as GB18030; pass --encoding utf-8 if names look wrong",
    "note_utf8": "the file could be UTF-8 or GB18030 (GBK); it was read as UTF-8: pass "
    "--encoding gb18030 if names look wrong",
    "why_date": "{value} is a date, not an answer: the spreadsheet may have made a date of "
    "what was typed (such as 1-2 or 3/5); format the cell as text or number and type the "
    "answer again",
    "why_total": "the row looks like a total or average row ({value}), not a unit; delete it "
    "from the sheet (batch sums and averages the units itself)",
    "note_delimiter": "columns are separated by {delimiter}",
    "note_text_xls": "the {suffix} file is delimited text, not a workbook; read as such",
    "note_utf16": "the file is {kind} text (as Excel's 'Unicode Text' saves it); read as such",
    "note_hidden_rows": "rows hidden in the sheet were read and scored like the others: "
    "{places}; delete them from the sheet if they are not to be scored",
    "note_filtered_rows": "the sheet has a filter on, and rows it hides were read and scored "
    "like the others: {places}; delete them from the sheet if they are not to be scored",
    "note_hidden_columns": "columns hidden in the sheet were read: {columns}",
    "note_formulas": "a .{kind} file is read without its formulas: an error cell (#DIV/0!, "
    "#N/A) or a formula without a stored value reads as blank, a missing answer; save the "
    "workbook as .xlsx to have them rejected with their error",
    "note_percent": "a .{kind} file does not show number formats: a cell formatted as 45% "
    "is read as 0.45 in {ids}; type 45% as text, or save the workbook as .xlsx",
    "note_unknown": "unknown columns ignored: {columns}",
    "note_sheet_hidden": "read the hidden sheet {sheet}, as no visible sheet holds data rows",
    "note_sheets_unread": "hidden sheets are not read while a visible sheet holds data rows; "
    "not read: {sheets}",
    "note_sheet_other": "the sheet {blank} holds no data rows; read the sheet {sheet}",
    "note_no_data": "no sheet holds data rows under an 'id' header; read the sheet {sheet} "
    "of {sheets}",
    "note_xlsx_rows": "scores.xlsx not written: {rows} units and the header exceed Excel's "
    "{limit} rows a sheet; scores.csv holds every unit",
    "note_xlsx_columns": "scores.xlsx not written: {columns} columns exceed Excel's {limit} "
    "a sheet; scores.csv holds every column",
    "note_title_rows": "the header is row {row}; the rows above it were skipped: {rows}",
    "note_title_rows_sheet": "sheet {sheet}: the header is row {row}; the rows above it were "
    "skipped: {rows}",
    "note_header_again": "rows that repeat the header (or its label row) were skipped, not "
    "read as units: {rows}",
    "note_header_again_more": "rows that repeat the header (or its label row) were skipped, "
    "not read as units: {rows} and {n} more",
    "note_mixed": "lines in UTF-8 among GB18030 (GBK) ones, as when two files are joined, "
    "were each read in its own encoding: {rows}; save the file in one encoding to be sure",
    "note_mixed_more": "lines in UTF-8 among GB18030 (GBK) ones, as when two files are "
    "joined, were each read in its own encoding: {rows} and {n} more; save the file in one "
    "encoding to be sure",
    "note_where": "{path}: {text}",
    # errors that stop a run (table, sources, encoding, runner)
    "fail_repeated": "column {name} appears more than once",
    "fail_no_id": "no {name} column; the header is: {names}",
    "fail_clash": "group column {name} clashes with a result column; rename it",
    "fail_absent": "missing question columns: {ids}; add them (blank cells are missing "
    "answers), or pass --lenient to treat them as blank",
    "fail_no_group": "no group column {name} (group columns: {names})",
    "fail_no_file": "no such file or folder",
    "fail_no_rows": "no unit to score: the input has a header but no data rows (a blank "
    "template?); nothing was written",
    "fail_no_rows_sheets": "no unit to score: no sheet holds data rows under an 'id' header "
    "(a blank template?); read the sheet {sheet} of {sheets}; nothing was written",
    "fail_sheets": "several sheets hold data rows under an 'id' header ({sheets}), and batch "
    "reads one sheet of a workbook: put the rows on one sheet, or save each sheet as its own "
    "file and give batch every file",
    "fail_unreadable": "cannot read the file: {reason}",
    "fail_suffix": "cannot tell the kind of input from {suffix}; give a .csv, .tsv, .txt, "
    ".xlsx, .xls or .ods file, or a folder of answers files",
    "fail_kind": "cannot read as {kind}: {text}",
    "fail_html": "this is a web page (HTML) saved with a spreadsheet name, as some bank "
    "systems export; open it in Excel or WPS and save it as .xlsx, or export CSV",
    "fail_xml_sheet": "this is an Excel 2003 XML spreadsheet; open it in Excel or WPS and "
    "save it as .xlsx",
    "fail_xml": "this is an XML file, not a workbook; save the data as .xlsx or CSV",
    "fail_zip": "this is a ZIP archive but not an XLSX or ODS workbook",
    "fail_broken_zip": "this is a damaged (cut short?) ZIP file, so no readable workbook",
    "fail_binary": "this is a binary file of unknown kind, not a workbook",
    "fail_text": "this is text, not a workbook; if it is CSV, name it .csv",
    "fail_empty": "the file is empty (0 bytes), not a workbook",
    "fail_ods_size": "the workbook's parts expand to {size} MiB, over the limit of {limit} MiB "
    "for an .ods file (read whole into memory); save it as .xlsx or CSV",
    "fail_password": "the workbook is protected by a password; open it in Excel or WPS, "
    "remove the password (in Excel, File > Info > Protect Workbook > Encrypt with Password) "
    "and save it without one",
    "fail_ole": "this is an Office file with no workbook in it (a Word document?), saved with "
    "a spreadsheet name",
    "fail_xlsb": "a {suffix} file (Excel Binary Workbook) cannot be read; save it as .xlsx "
    "(Excel Workbook) or CSV",
    "fail_numbers": "a {suffix} file (Apple Numbers) cannot be read; export it as Excel "
    "(.xlsx) or CSV (File > Export To)",
    "fail_encoding": "unknown encoding {name}; try utf-8, utf-8-sig or gb18030",
    "fail_utf16": "encoding {name} is not supported; save the CSV as UTF-8 or GB18030",
    "fail_utf16_bytes": "the file is UTF-16 text, but byte {byte} is not; save it as UTF-8 "
    "(Excel: 'CSV UTF-8') or GB18030",
    "fail_model": "unknown scoring model {name}",
    "fail_policy": "unknown missing-answer policy {name}",
    "fail_format": "unknown report format {name}",
    "fail_top": "--top and --jobs must be at least 1",
    # the exit of a run with rejected rows
    "gate_rejected": "rows rejected: {n}; see {where} (--allow-rejects to exit 0)",
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
    "why_level_disagree": "{value}：数字是第{number}级，{name}却是第{level}级；"
    "请只写一个等级（{forms}）",
    "why_level_ambiguous": "{value} 是多个等级（{levels}）的名称；请写等级的数字（{forms}）",
    "why_level_word": "{value} 不是等级；应为 1 至 5 的整数或等级名称（{forms}）",
    "say_level_forms": "第3级可写作3、L3、3级、{names}或3 {name}",
    "say_level_forms_plain": "第3级可写作3、L3或3级",
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
    "why_thousand_points": "{value}：以分号分隔的文件中，小数点可能是千位分隔符；请不加千位分隔符"
    "书写数值（1200；一点二写作 1,2）",
    "why_sheet_error": "单元格为电子表格错误值 {value}；请修正公式或填写数值",
    "why_formula": "单元格为没有计算结果的公式（{value}）；请在 Excel 或 WPS 中打开，"
    "计算后重新保存",
    "why_placeholder_level": "{value} 不是答案；请填写符合的等级（尚无任何基础填 1），"
    "仅在题目不适用时填写 n/a（或 na、不适用），缺少答案请留空",
    "why_placeholder_number": "{value} 不是答案；请填写数值（没有则填 0），仅在题目不适用时填写 n/a"
    "（或 na、不适用），缺少答案请留空",
    "why_placeholder_choice": "{value} 不是答案；请填写符合的选项（{ids}），仅在题目不适用时填写 "
    "n/a（或 na、不适用），缺少答案请留空",
    "why_placeholder_multi": "{value} 不是答案；各选项均不具备时填写“无”（或 none），"
    "仅在题目不适用时填写 n/a（或 na、不适用），缺少答案请留空",
    "why_placeholder_bool": "{value} 不是答案；不具备时填写“否”（或 no），仅在题目不适用时填写 n/a"
    "（或 na、不适用），缺少答案请留空",
    "why_invalid": "无效的值",
    "why_no_id": "没有单位编号",
    "why_long_id": "单位编号超过 {limit} 个字符",
    "why_long_text": "{column} 超过 {limit} 个字符",
    "why_swallowed": "{column} 中有几行看似单独的数据行（{line}）：本行有未闭合的引号；"
    "请补上或删去该引号",
    "why_no_answer": "未作答，且缺失答案规则为“error”（报错）",
    "why_control": "{column} 含控制字符（如 NUL、ESC 或从右至左标记）",
    "why_duplicate": "单位编号重复，另见 {places}",
    "why_ragged": "该行有 {cells} 个单元格，而表头有 {header} 个",
    "why_ragged_quote": "该行有 {cells} 个单元格，而表头有 {header} 个；其中有几行看似单独的数据行"
    "（{line}）：本行有未闭合的引号；请补上或删去该引号",
    "why_no_question": "该行未回答任何题目",
    "why_no_question_file": "该文件未回答任何题目",
    "why_no_valid": "该行没有有效答案：其中的答案均无效（见 ignored.csv）",
    "why_no_valid_file": "该文件没有有效答案：其中的答案均无效（见 ignored.csv）",
    "note_gb18030": "该文件是有效的 UTF-8，但只有按 GB18030（GBK）读取才是中文，"
    "因此按 GB18030 读取；如名称显示异常，请加 --encoding utf-8",
    "note_utf8": "该文件既可能是 UTF-8，也可能是 GB18030（GBK），已按 UTF-8 读取；"
    "如名称显示异常，请加 --encoding gb18030",
    "why_date": "{value} 是日期而非答案：电子表格可能把输入的内容（如 1-2、3/5）变成了日期；"
    "请将单元格设为文本或数值格式后重新填写",
    "why_total": "该行看似合计或平均行（{value}），不是单位；请从表中删除该行（batch 会自行汇总"
    "和平均各单位）",
    "note_delimiter": "各列以{delimiter}分隔",
    "note_text_xls": "该 {suffix} 文件是分隔文本而非工作簿，已按文本读取",
    "note_utf16": "该文件是 {kind} 文本（Excel“Unicode 文本”格式），已按此读取",
    "note_hidden_rows": "表中隐藏的行已同其他行一样读取并评分：{places}；不应评分的行请从表中删除",
    "note_filtered_rows": "表中设有筛选，被筛选隐藏的行已同其他行一样读取并评分：{places}；"
    "不应评分的行请从表中删除",
    "note_hidden_columns": "表中隐藏的列已读取：{columns}",
    "note_formulas": ".{kind} 文件读取时不含公式：错误单元格（#DIV/0!、#N/A）或没有保存"
    "计算结果的公式读作空白，即缺少答案；将工作簿另存为 .xlsx，可使其按错误拒收",
    "note_percent": ".{kind} 文件不显示数字格式：{ids} 中设为 45% 格式的单元格读作 0.45；"
    "请以文本形式输入 45%，或将工作簿另存为 .xlsx",
    "note_unknown": "已忽略未知列：{columns}",
    "note_sheet_hidden": "没有可见工作表含数据行，因此读取了隐藏的工作表 {sheet}",
    "note_sheets_unread": "有可见工作表含数据行时不读取隐藏工作表；未读取：{sheets}",
    "note_sheet_other": "工作表 {blank} 没有数据行；已读取工作表 {sheet}",
    "note_no_data": "没有工作表在“id”表头下有数据行；已读取工作表 {sheet}（全部工作表：{sheets}）",
    "note_xlsx_rows": "未写入 scores.xlsx：{rows} 个单位加表头超过 Excel 每个工作表 {limit} "
    "行的上限；scores.csv 包含全部单位",
    "note_xlsx_columns": "未写入 scores.xlsx：{columns} 列超过 Excel 每个工作表 {limit} "
    "列的上限；scores.csv 包含全部列",
    "note_title_rows": "表头位于第 {row} 行；其上方的行已跳过：{rows}",
    "note_title_rows_sheet": "工作表 {sheet}：表头位于第 {row} 行；其上方的行已跳过：{rows}",
    "note_header_again": "重复表头（或其说明行）的行已跳过，未作为单位读取：{rows}",
    "note_header_again_more": "重复表头（或其说明行）的行已跳过，未作为单位读取：{rows}等，"
    "另有 {n} 行",
    "note_mixed": "GB18030（GBK）文件中夹有 UTF-8 的行（如两个文件拼接而成），已按各行自身的"
    "编码读取：{rows}；请将文件统一保存为一种编码",
    "note_mixed_more": "GB18030（GBK）文件中夹有 UTF-8 的行（如两个文件拼接而成），已按各行自身"
    "的编码读取：{rows}等，另有 {n} 行；请将文件统一保存为一种编码",
    "note_where": "{path}：{text}",
    "fail_repeated": "列 {name} 出现多次",
    "fail_no_id": "没有 {name} 列；表头为：{names}",
    "fail_clash": "分组列 {name} 与结果列重名，请改名",
    "fail_absent": "缺少题目列：{ids}；请补上这些列（空白单元格即缺少答案），或加 --lenient "
    "将其视为空白",
    "fail_no_group": "没有分组列 {name}（分组列：{names}）",
    "fail_no_file": "没有这个文件或文件夹",
    "fail_no_rows": "没有可评分的单位：输入只有表头、没有数据行（是空白模板吗？）；未写入任何文件",
    "fail_no_rows_sheets": "没有可评分的单位：没有工作表在“id”表头下有数据行（是空白模板吗？）；"
    "已读取工作表 {sheet}（全部工作表：{sheets}）；未写入任何文件",
    "fail_sheets": "多个工作表在“id”表头下有数据行（{sheets}），而 batch 每个工作簿只读取一个"
    "工作表：请把各行放在同一个工作表中，或把每个工作表另存为单独的文件并全部交给 batch",
    "fail_unreadable": "无法读取该文件：{reason}",
    "fail_suffix": "无法从 {suffix} 判断输入的类型；请提供 .csv、.tsv、.txt、.xlsx、.xls 或 "
    ".ods 文件，或答案文件所在的文件夹",
    "fail_kind": "无法按 {kind} 读取：{text}",
    "fail_html": "这是以电子表格文件名保存的网页（HTML），一些银行系统如此导出；请在 Excel 或 WPS "
    "中打开并另存为 .xlsx，或导出 CSV",
    "fail_xml_sheet": "这是 Excel 2003 XML 电子表格；请在 Excel 或 WPS 中打开并另存为 .xlsx",
    "fail_xml": "这是 XML 文件而非工作簿；请将数据另存为 .xlsx 或 CSV",
    "fail_zip": "这是 ZIP 压缩包，但不是 XLSX 或 ODS 工作簿",
    "fail_broken_zip": "这是已损坏（可能不完整）的 ZIP 文件，没有可读的工作簿",
    "fail_binary": "这是未知类型的二进制文件，不是工作簿",
    "fail_text": "这是文本而非工作簿；如为 CSV，请将扩展名改为 .csv",
    "fail_empty": "该文件为空（0 字节），不是工作簿",
    "fail_ods_size": "该工作簿解压后为 {size} MiB，超过 .ods 文件 {limit} MiB 的上限"
    "（需整个读入内存）；请另存为 .xlsx 或 CSV",
    "fail_password": "该工作簿受密码保护；请在 Excel 或 WPS 中打开，取消密码（Excel：文件 > "
    "信息 > 保护工作簿 > 用密码进行加密）后另存为无密码的文件",
    "fail_ole": "这是以电子表格文件名保存的其他 Office 文件（Word 文档？），其中没有工作簿",
    "fail_xlsb": "无法读取 {suffix} 文件（Excel 二进制工作簿）；请另存为 .xlsx（Excel 工作簿）"
    "或 CSV",
    "fail_numbers": "无法读取 {suffix} 文件（Apple Numbers）；请导出为 Excel（.xlsx）或 CSV"
    "（文件 > 导出为）",
    "fail_encoding": "未知的编码 {name}；请用 utf-8、utf-8-sig 或 gb18030",
    "fail_utf16": "不支持编码 {name}；请将 CSV 另存为 UTF-8 或 GB18030",
    "fail_utf16_bytes": "该文件是 UTF-16 文本，但第 {byte} 字节不是；请另存为 UTF-8"
    "（Excel：“CSV UTF-8”）或 GB18030",
    "fail_model": "未知的评分模型 {name}",
    "fail_policy": "未知的缺失答案规则 {name}",
    "fail_format": "未知的报告格式 {name}",
    "fail_top": "--top 与 --jobs 至少为 1",
    "gate_rejected": "已拒收 {n} 行；详见 {where}（加 --allow-rejects 则以 0 退出）",
    "error_lead": "错误：",
    "say_place": "{source} 第 {row} 行",
    "say_more": "{places}等，另有 {n} 处",
    "say_sep": "、",
    "say_tabs": "制表符",
    "say_semicolons": "分号",
}
