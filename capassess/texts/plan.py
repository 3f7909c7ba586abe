"""The words of plans, shared by the terminal, the reports and JSON users: action types,
reasons, evidence, phase labels, definitions and completeness warnings.

``quadrant_<type>`` name the action types; ``term_<name>`` and ``define_<name>`` the
definitions, in the order of ``capassess.plan_text.DEFINED``.
"""

from __future__ import annotations

EN: dict[str, str] = {
    "quadrant_quick-win": "quick win",
    "quadrant_major-project": "major project",
    "quadrant_initiative": "initiative",
    "quadrant_fill-in": "fill-in",
    "quadrant_deprioritise": "deprioritise",
    "term_score": "score",
    "define_score": "1 + 4 × the weighted mean of the answered questions' scores (0-1), "
    "from 1.00 to 5.00",
    "term_level": "level",
    "define_level": "the score rounded down, 1 to 5, named in the maturity levels table; the "
    "overall level is at most the lowest foundation capability's level, so a foundation gap "
    "can hold it below the overall score's own level",
    "term_foundation": "foundation (gate)",
    "define_foundation": "capabilities scored like the others but left out of the overall "
    "score: they gate the overall level instead. Their global weights sum to 1 within the "
    "foundation, as the scored dimensions' capabilities sum to 1 among themselves, so "
    "foundation priorities rank foundation gaps among themselves, on a scale of their own",
    "term_floor": "floor (of the foundation gate)",
    "define_floor": "the level the overall score gives on its own (the score rounded down); "
    "a foundation capability whose level is below the floor caps the overall level at its "
    "own level, and once every such capability reaches the floor the cap is lifted; a "
    "foundation capability answered n/a, or with no answered question, caps nothing",
    "term_not_assessed": "not assessed",
    "define_not_assessed": "a capability with no answered question, or a dimension with no "
    "such capability: no score, gap, priority or attainment is shown for it, and it gets no "
    "actions; where missing answers count as the lowest score, the overall score still "
    "counts it at the lowest level, and says so",
    "term_target": "target",
    "define_target": "the level a capability is to reach: the questionnaire's default, a "
    "named profile, a target file or one level given for all; a dimension's or the overall target "
    "is the mean of its assessed capabilities' targets on the score's weights",
    "term_gap": "gap",
    "define_gap": "target level − score, never below 0 (0 = target met)",
    "term_provisional": "provisional gap",
    "define_provisional": "a gap that rests on unanswered questions: answered at their best, "
    "they would meet the target; it keeps its figures but stays out of the top gaps, and "
    "the actions it would call for without evidence are listed to confirm",
    "provisional_note": "provisional: questions unanswered {n}",
    "term_dimension_gap": "dimension gap (mean)",
    "define_dimension_gap": "the weighted mean of its assessed capabilities' gaps (global "
    "weights), not the dimension's target − score: a capability above its target does not "
    "offset another below it",
    "term_dimension_target": "dimension target (mean)",
    "define_dimension_target": "the weighted mean of its assessed capabilities' targets "
    "(global weights), on the same base as the dimension gap",
    "term_priority": "priority",
    "define_priority": "gap × the capability's global weight × the target's importance; "
    "ranked within the scored dimensions, and apart within the foundation",
    "term_dimension_priority": "dimension priority (sum)",
    "define_dimension_priority": "the sum of its assessed capabilities' priorities; the "
    "foundation's is on its own scale and does not compare with the scored dimensions'",
    "term_attained": "attained",
    "define_attained": "how much of the way from level 1 to the target is covered (not "
    "score ÷ target): (min(score, target) − 1) / (target − 1); for a dimension, "
    "Σ g·(min(C, T) − 1) / Σ g·(T − 1) over its assessed capabilities with their global "
    "weights g; for the overall, the same over the assessed capabilities of the overall "
    "score, with the weights g it gives them, against the mean of their targets on the same "
    "weights",
    "term_progress": "progress",
    "define_progress": "how much of the way from the baseline to the target is covered: "
    '(score − baseline) / (target − baseline); 100% or more is shown as "target met", and '
    'a capability whose baseline already met its target shows "met at the baseline"',
    "term_quick_win": "quick win",
    "define_quick_win": "low effort, medium or high impact, at most 6 months",
    "term_major_project": "major project",
    "define_major_project": "medium or high impact, high effort or more than 12 months",
    "term_initiative": "initiative",
    "define_initiative": "the other medium or high impact actions",
    "term_fill_in": "fill-in",
    "define_fill_in": "low impact, low or medium effort",
    "term_deprioritise": "deprioritise",
    "define_deprioritise": "low impact, high effort",
    "term_projected": "projected",
    "define_projected": "the score once the actions ended by then have succeeded: a capability "
    "reaches level L (at most its target, and only a level some action of it aims at) once "
    "all its actions up to L are in place or ended and at least one of them has ended; "
    "otherwise it keeps its score; running "
    "actions are not counted; dimensions and the overall score roll up from these as usual",
    "progress_met": "target met",
    "progress_met_before": "met at the baseline",
    "progress_fell_back": "below target again",
    "yes": "yes",
    "no": "no",
    "none": "(none)",
    "level_value": "level {level}",
    "cond_question": "“{text}”",
    "cond_answer": "{q}: {v}",
    "cond_eq": "{q}: {v}",
    "cond_ne": "{q}: not {v}",
    "cond_in": "{q}: {v}",
    "cond_contains": "{q}: includes {v}",
    "cond_compare": "{q} {op} {v}",
    "cond_level_at_least": "{q}: level {level} or above",
    "cond_level_at_most": "{q}: level {level} or below",
    "cond_level_is": "{q}: level {level}",
    "cond_answered": "{q} answered",
    "cond_not": "not ({x})",
    "cond_group": "({x})",
    "cond_and": " and ",
    "cond_or": " or ",
    "cond_and_sep": "; ",
    "cond_or_sep": "; or ",
    "list_sep": ", ",
    "colon": ": ",
    "answer_sep": "; ",
    "phase_label": "Phase {n} · {span} (months {months})",
    "why_evidence": "{gap}; the answers show it missing ({evidence})",
    "why_score": "{gap}; by score: the capability is below the action's level and no "
    "answer can show it in place",
    "rise_none": "{score:.2f} (target {target}; no rise counted while an action of it up to "
    "the target is still to confirm)",
    "rise_part": "{score:.2f} → {reached:g} (target {target}; the rest waits for actions to "
    "confirm)",
    "rise_none_library": "{score:.2f} (target {target}; the library has no action of it "
    "for level {span})",
    "rise_part_library": "{score:.2f} → {reached:g} (target {target}; the library has no "
    "action of it for level {span})",
    "to_confirm": "to confirm: answer {questions}; until then the answers show it neither in "
    "place nor missing",
    "to_confirm_na": "to confirm: the questions that would show it are answered n/a ({na}), "
    "so the answers can show it neither in place nor missing; check it with the bank",
    "to_confirm_mixed": "to confirm: answer {questions} (answered n/a: {na}); until then the "
    "answers show it neither in place nor missing",
    "to_confirm_skipped": "to confirm: the questions that would show it are not asked on "
    "these answers, their condition being false ({skipped}), so the answers can show it "
    "neither in place nor missing; check it with the bank",
    "to_confirm_moot": "to confirm: the questions that would show it are answered n/a ({na}) "
    "or not asked on these answers, their condition being false ({skipped}), so the answers "
    "can show it neither in place nor missing; check it with the bank",
    "why_missing": "the answers show it missing ({evidence})",
    "answer_lacking": "{q}: lacks {absent} (ticked: {given})",
    "answer_lacking_none": "{q}: lacks {absent} (none ticked)",
    "why_needed_by": "needed by {names}",
    "in_place_evidence": "in place, as the answers show: {answers}",
    "kpi_not_met_yet": "; its KPI is not met yet: {kpi}",
    "in_place_level": "taken as in place: its capability scores {score:.2f}, at level {level} "
    "or above",
    "not_applicable_left": "not applicable: every question of its capability is answered n/a, "
    "so the answers say this practice does not apply; actions that depend on it go ahead "
    "without it",
    "not_assessed": "not assessed: no question of its capability is answered, so nobody can "
    "tell whether it is in place",
    "past_start_assessed": "The roadmap is dated from the assessment month ({start}), which "
    "lies before this report ({today}); to plan from now, run again with --start {now}.",
    "past_start": "The roadmap starts in {start}, before this report ({today}); to plan from "
    "now, run again with --start {now}.",
    "past_start_assessed_reader": "The roadmap is dated from the assessment month ({start}), "
    "which lies before this report ({today}): re-date the plan from the report date before "
    "launching it (the phases keep their length).",
    "past_start_reader": "The roadmap starts in {start}, before this report ({today}): re-date "
    "the plan from the report date before launching it (the phases keep their length).",
    "unit_share": "{number}% ({share})",
    "missing_lowest": "counted as the lowest answer in the scores",
    "missing_exclude": "left out of the scores",
    "unanswered": "questions unanswered: {n} of {total}, {policy}",
    "caps_not_assessed": "capabilities not assessed (no question answered): {k}; they get no "
    "place among the gaps and no actions: {names}",
}

ZH: dict[str, str] = {
    "quadrant_quick-win": "速赢",
    "quadrant_major-project": "重点项目",
    "quadrant_initiative": "重要举措",
    "quadrant_fill-in": "补充完善",
    "quadrant_deprioritise": "暂缓",
    "term_score": "得分",
    "define_score": "1 + 4 × 已作答问题得分（0—1）的加权平均，取值 1.00—5.00",
    "term_level": "等级",
    "define_level": "得分向下取整，1 至 5 级，名称见成熟度等级表；"
    "整体等级不超过基础能力中最低的能力等级，"
    "因此基础能力的差距可使整体等级低于总分本身对应的等级",
    "term_foundation": "基础能力（门槛）",
    "define_foundation": "与其他能力同样评分，但不计入总体得分，"
    "而是限定整体等级。其全局权重在基础能力内部合计为 1"
    "（计入总分的维度的能力之间同样合计为 1），因此基础能力的优先级只在基础能力之间排序，自成口径",
    "term_floor": "底线（基础能力门槛）",
    "define_floor": "整体得分本身对应的等级（得分向下取整）；等级低于底线的基础能力将整体等级"
    "限定在其自身等级，所有此类能力达到底线后限制即解除；作答为不适用或没有任何已作答问题的"
    "基础能力不限定等级",
    "term_not_assessed": "未评估",
    "define_not_assessed": "没有任何已作答问题的能力，或其下没有此类能力的维度：不显示得分、"
    "差距、优先级和达成度，"
    "也不给出行动；在“缺失回答按最低分处理”时，总体得分仍按最低分计入，并予以说明",
    "term_target": "目标",
    "define_target": "能力应达到的等级：取问卷默认值、指定的目标配置、目标文件或统一指定的等级；"
    "维度或整体的目标为其已评估能力目标按得分权重的平均",
    "term_gap": "差距",
    "define_gap": "目标等级 − 得分，最小为 0（0 表示已达标）",
    "term_provisional": "暂定差距",
    "define_provisional": "取决于未作答问题的差距：这些问题若按最优作答即可达到目标；"
    "其数值照常列示，但不列入首要差距，缺乏作答依据的相应行动列为待确认",
    "provisional_note": "暂定：未作答问题 {n} 个",
    "term_dimension_gap": "维度差距（均值）",
    "define_dimension_gap": "该维度已评估能力差距按全局权重的加权平均，而非维度目标 − 维度得分："
    "超出目标的能力不抵消未达目标的能力",
    "term_dimension_target": "维度目标（均值）",
    "define_dimension_target": "该维度已评估能力目标按全局权重的加权平均，与维度差距口径相同",
    "term_priority": "优先级",
    "define_priority": "差距 × 该能力的全局权重 × 目标重要性；计入总分的维度之间排序，"
    "基础能力单独排序",
    "term_dimension_priority": "维度优先级（合计）",
    "define_dimension_priority": "该维度已评估能力优先级之和；基础能力自成口径，"
    "不宜与计入总分的维度比较",
    "term_attained": "达成度",
    "define_attained": "从 1 级到目标等级已走完的比例（并非得分 ÷ 目标）："
    "(min(得分, 目标) − 1) / (目标 − 1)；"
    "维度达成度为其已评估能力的 Σ g·(min(C, T) − 1) / Σ g·(T − 1)，g 为全局权重；"
    "总体达成度同样计算，范围为计入总分的已评估能力，"
    "g 取总分所用的权重，目标平均值按同一权重计算",
    "term_progress": "进展",
    "define_progress": "从基线到目标已走完的比例：(得分 − 基线) / (目标 − 基线)；达到或超过 100% "
    "显示为“已达标”，基线时已达标的能力显示为“基线时已达标”",
    "term_quick_win": "速赢",
    "define_quick_win": "投入低、影响中或高、工期不超过 6 个月",
    "term_major_project": "重点项目",
    "define_major_project": "影响中或高，且投入高或工期超过 12 个月",
    "term_initiative": "重要举措",
    "define_initiative": "其余影响中或高的行动",
    "term_fill_in": "补充完善",
    "define_fill_in": "影响低、投入低或中",
    "term_deprioritise": "暂缓",
    "define_deprioritise": "影响低、投入高",
    "term_projected": "预计得分",
    "define_projected": "截至该时点已完成的行动全部见效后的得分：某项能力目标等级以内、直至 L 级"
    "（不超过目标，且须有该能力的行动以 L 级为目标）的行动均已落实或已完成、"
    "且其中至少一项已完成时，该能力记为 L 级，"
    "否则保持原得分；进行中的行动不计入；"
    "维度和总体得分照常由能力得分汇总",
    "progress_met": "已达标",
    "progress_met_before": "基线时已达标",
    "progress_fell_back": "重新低于目标",
    "yes": "是",
    "no": "否",
    "none": "（无）",
    "level_value": "{level} 级",
    "cond_question": "“{text}”",
    "cond_answer": "{q}：{v}",
    "cond_eq": "{q}：{v}",
    "cond_ne": "{q}：非{v}",
    "cond_in": "{q}：{v}",
    "cond_contains": "{q}：包含{v}",
    "cond_compare": "{q} {op} {v}",
    "cond_level_at_least": "{q}：达到 {level} 级及以上",
    "cond_level_at_most": "{q}：不高于 {level} 级",
    "cond_level_is": "{q}：{level} 级",
    "cond_answered": "{q}已作答",
    "cond_not": "并非（{x}）",
    "cond_group": "（{x}）",
    "cond_and": "和",
    "cond_or": "，或",
    "cond_and_sep": "；",
    "cond_or_sep": "；或",
    "list_sep": "、",
    "colon": "：",
    "answer_sep": "；",
    "phase_label": "阶段 {n} · {span}（第 {months} 个月）",
    "why_evidence": "{gap}；作答显示尚未具备（{evidence}）",
    "why_score": "{gap}；按得分判断：该能力低于行动所在等级，且没有可证明其已落实的作答",
    "rise_none": "{score:.2f}（目标 {target}；目标等级以内尚有待确认的行动，不计得分提升）",
    "rise_part": "{score:.2f} → {reached:g}（目标 {target}；其余待行动确认后计入）",
    "rise_none_library": "{score:.2f}（目标 {target}；行动库中没有该能力 {span} 级的行动）",
    "rise_part_library": "{score:.2f} → {reached:g}（目标 {target}；"
    "行动库中没有该能力 {span} 级的行动）",
    "to_confirm": "待确认：请回答 {questions}；在此之前，作答既不能证明已落实，也不能证明缺失",
    "to_confirm_na": "待确认：可证明该行动的问题作答为不适用（{na}），因此作答既不能证明"
    "已落实，也不能证明缺失；请与银行核实",
    "to_confirm_mixed": "待确认：请回答 {questions}（{na}作答为不适用）；在此之前，作答既不能证明"
    "已落实，也不能证明缺失",
    "to_confirm_skipped": "待确认：可证明该行动的问题因提问条件不成立而未提问（{skipped}），"
    "因此作答既不能证明已落实，也不能证明缺失；请与银行核实",
    "to_confirm_moot": "待确认：可证明该行动的问题作答为不适用（{na}），或因提问条件不成立而"
    "未提问（{skipped}），因此作答既不能证明已落实，也不能证明缺失；请与银行核实",
    "why_missing": "作答显示尚未具备（{evidence}）",
    "answer_lacking": "{q}：缺少{absent}，已选：{given}",
    "answer_lacking_none": "{q}：缺少{absent}，未选任何一项",
    "why_needed_by": "是{names}的前提",
    "in_place_evidence": "已落实，依据作答：{answers}",
    "kpi_not_met_yet": "；其关键指标尚未达成：{kpi}",
    "in_place_level": "视为已落实：该能力得分 {score:.2f}，已达第 {level} 级",
    "not_applicable_left": "不适用：该能力的问题均作答为不适用，即该做法不适用于本机构；"
    "依赖它的行动不以其为前提",
    "not_assessed": "未评估：该能力没有任何已作答的问题，无法判断是否具备",
    "past_start_assessed": "路线图自评估当月（{start}）起排期，早于本报告日期（{today}）；"
    "如需自当前起排期，请加 --start {now} 重新生成。",
    "past_start": "路线图自 {start} 起排期，早于本报告日期（{today}）；如需自当前起排期，请加 "
    "--start {now} 重新生成。",
    "past_start_assessed_reader": "路线图自评估当月（{start}）起排期，早于本报告日期（{today}）："
    "启动前须自报告日期起重新排期（各阶段时长不变）。",
    "past_start_reader": "路线图自 {start} 起排期，早于本报告日期（{today}）："
    "启动前须自报告日期起重新排期（各阶段时长不变）。",
    "unit_share": "{number}%（{share}）",
    "missing_lowest": "按最低分计入得分",
    "missing_exclude": "不计入得分",
    "unanswered": "{n}/{total} 个问题未作答，{policy}",
    "caps_not_assessed": "{k} 项能力未评估（无任何作答），不参与差距排序、不给出行动建议：{names}",
}
