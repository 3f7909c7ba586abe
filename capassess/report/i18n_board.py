"""Strings of the board deliverable (key messages, heat map, appendix, print), both languages."""

from __future__ import annotations

BOARD_EN: dict[str, str] = {
    "key_messages": "Key messages",
    "km_overall": "Overall maturity is level {level} ({level_name}), with a score of {score} "
    "out of 5, in the {band} band; the target averages {target} and {attainment} of it is "
    "attained.",
    "km_capped": " The level is {capped}: foundation capabilities below their floor hold it "
    "back whatever the other scores.",
    "km_not_assessed": "Not assessed, so not in the scores: {items}.",
    "km_incomplete": "The assessment is incomplete ({n} warnings): read the results with the "
    "warnings above.",
    "km_strongest": "Strongest capabilities: {items}.",
    "km_strongest_item": "{title} ({score} against a target of {target})",
    "km_weakest": "Weakest against target: {items}.",
    "km_weakest_item": "{title} ({score} against {target}, {gap} short)",
    "km_all_met": "Every assessed capability meets its target.",
    "km_roadmap": "The roadmap schedules {n} actions in {phases} phases from {start} to "
    "{end}, starting with {first}; done, it lifts the overall score from {score} to "
    "{projected}.",
    "km_left_off": " {n} actions are not scheduled; the reasons follow the roadmap.",
    "km_no_roadmap": "No action is needed to reach the targets.",
    "heatmap": "Capability heat map",
    "heatmap_note": "Each capability against its target: met, up to one level short, more "
    "than one level short, not assessed. The symbol carries the status in print.",
    "heat_met": "target met",
    "heat_near": "up to 1 level short",
    "heat_far": "more than 1 level short",
    "heat_na": "not assessed",
    "radar": "Maturity by dimension",
    "appendix": "Appendix: answers and evidence",
    "appendix_note": "Every question asked, the answer given, its score and the evidence "
    "and notes recorded.",
    "page_of": "Page {page} of {pages}",
}

BOARD_ZH: dict[str, str] = {
    "key_messages": "核心结论",
    "km_overall": "整体成熟度为{level}级（{level_name}），得分{score}（满分5），处于“{band}”区间；"
    "目标平均为{target}，已达成{attainment}。",
    "km_capped": "等级{capped}：基础能力未达底线，其他得分再高也无法突破。",
    "km_not_assessed": "以下能力未评估，未计入得分：{items}。",
    "km_incomplete": "评估不完整（{n}条提示），请结合上方提示阅读结果。",
    "km_strongest": "最强的能力：{items}。",
    "km_strongest_item": "{title}（{score}，目标{target}）",
    "km_weakest": "与目标差距最大：{items}。",
    "km_weakest_item": "{title}（{score}，目标{target}，差{gap}）",
    "km_all_met": "所有已评估的能力均达到目标。",
    "km_roadmap": "路线图在{phases}个阶段内安排{n}项行动，自{start}至{end}，首先开展{first}；"
    "全部完成后整体得分由{score}提升至{projected}。",
    "km_left_off": "另有{n}项行动未排期，原因见路线图之后。",
    "km_no_roadmap": "达到目标无需新的行动。",
    "heatmap": "能力热力图",
    "heatmap_note": "各项能力对照目标：已达标、差距不超过一级、差距超过一级、未评估。"
    "打印时以符号区分状态。",
    "heat_met": "已达标",
    "heat_near": "差距不超过一级",
    "heat_far": "差距超过一级",
    "heat_na": "未评估",
    "radar": "各维度成熟度",
    "appendix": "附录：作答与佐证",
    "appendix_note": "所有题目的作答、得分及记录的佐证和备注。",
    "page_of": "第 {page} 页，共 {pages} 页",
}
