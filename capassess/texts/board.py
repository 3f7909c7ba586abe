"""Strings of the board deliverable (key messages, heat map, appendix, print), both languages."""

from __future__ import annotations

BOARD_EN: dict[str, str] = {
    "key_messages": "Key messages",
    "km_overall": "Overall maturity is level {level} ({level_name}), with a score of {score} "
    "out of 5{counted}; on the same capabilities and weights, the target averages {target}, "
    "and {attainment} of the way from level 1 to it is covered.",
    "km_overall_not_assessed": "Overall: not assessed. No question of the scored dimensions "
    "is answered, so there is no overall score, target or attainment.",
    "km_overall_not_assessed_counted": "Overall: not assessed. No question of the scored "
    "dimensions is answered, so there is no target or attainment; the overall score of "
    "{score} only applies the rule for missing answers (each unanswered question at the "
    "lowest) and says nothing of the bank.",
    "km_counted": ", counting {names}, which nobody answered, at the lowest level "
    "(the rule for missing answers; on the assessed capabilities alone, the score is {base})",
    "km_capped": " The level is {capped} (the score alone would give level {uncapped}): "
    "foundation capabilities below their floor hold it back whatever the other scores.",
    "km_foundation": "The foundation stays out of the score and gates the level: it scores "
    "{score} against {target} ({attainment} of the way from level 1 covered), its lowest "
    "capabilities at level "
    "{level} ({level_name}){gaps}.",
    "km_foundation_gaps": "; its gaps, ranked on its own scale: {items}",
    "km_foundation_not_assessed": "Foundation: not assessed. It stays out of the score and "
    "gates the level, but no foundation question is answered, so it has no score, target or "
    "gaps here and caps nothing until it is assessed.",
    "km_over_assessed": " over its assessed capabilities",
    "km_not_assessed": "Not assessed (no question answered), so no place among the gaps, no "
    "actions and no part in the way covered from level 1 to the target: {items}.",
    "km_peers": "Against {count} peers ({group}), the overall score of {value} compares "
    "with a peer median of {median} ({percentile}).",
    "peer_median": "Peer median",
    "km_incomplete": "The assessment is incomplete ({warning}): read the results with this in "
    "mind.",
    "km_strongest": "Strongest capabilities: {items}.",
    "km_strongest_item": "{title} ({score} against a target of {target})",
    "km_none_met": "No assessed capability meets its target yet.",
    "km_weakest": "Highest-priority gaps in the scored dimensions (gap × weight, see the "
    "definitions): {items}.",
    "km_weakest_item": "{title} ({score} against {target}, {gap} short)",
    "km_foundation_gaps_item": "{title} ({score} against {target}, {gap} short)",
    "km_all_met": "Every assessed capability meets its target.",
    "km_nothing_assessed": "Nothing was assessed: no question is answered, so these answers "
    "give no score, gap, target attainment or action; answer the questionnaire first.",
    "km_nothing_scored": "Nothing was scored: every question is answered n/a, so these "
    "answers give no score, gap, target attainment or action.",
    "km_lessons_met": "Every assessed capability of the scored dimensions meets its target.",
    "km_roadmap": "The roadmap runs from {start} to {end} (actions: {n}; phases: "
    "{phases}), starting with {first}; done, it lifts the overall score from {score} to "
    "{projected}.",
    "km_redate": " Its dates start before this report: re-date it from the report date "
    "before launching it.",
    "km_in_place": " Further actions already in place: {n} (listed after the roadmap).",
    "km_left_off": " Actions not scheduled because their capability is not assessed: {n}.",
    "km_to_confirm": " Actions to confirm before planning them (the answers leave them open): {n}.",
    "km_no_roadmap": "No action is needed to reach the targets.",
    "km_no_new_action": "No new action is scheduled.",
    "km_more": " and {n} more",
    "km_provisional": "Provisional gaps, which rest on unanswered questions (answered at their "
    "best, they would meet the target), so they stay out of the top gaps until answered: "
    "{items}.",
    "km_execution": " Below target although their actions up to the target are in place, an "
    "execution gap with no new project: {names}.",
    "km_beyond_library": " Targets that ask a level no action of the library aims at, so "
    "that no project can reach them: {names}.",
    "heatmap": "Capability heat map",
    "heatmap_note": "Each capability against its target: met, up to one level short, more "
    "than one level short, not assessed or n/a. The symbol carries the status in print; a "
    "gap marked provisional rests on unanswered questions.",
    "heat_met": "target met",
    "heat_near": "up to 1 level short",
    "heat_far": "more than 1 level short",
    "heat_na": "not assessed or n/a",
    "radar": "Maturity by dimension",
    "appendix": "Appendix: answers and evidence",
    "appendix_note": "Every question asked, the answer given, its score and the evidence "
    "and notes recorded.",
    "page_of": "Page {page} of {pages}",
    "dep_scheduled": "{title} ({start} – {end})",
    "dep_in_place_evidence": "{title}: in place, as the answers show",
    "dep_in_place_level": "{title}: taken as in place at the capability's level",
    "dep_not_assessed": "{title}: not assessed, check before starting",
    "dep_not_applicable": "{title}: not applicable (its capability is answered n/a)",
    "dep_to_confirm": "{title}: to confirm (the answers leave it open), check before starting",
    "owner_kpi": "Owner and KPI",
    "clause_sep": "; ",
    "capped_sep": ", ",
    "stop": ". ",
    "deck_gantt": "Actions by month from {start}",
    "deck_gantt_start": "Start (month)",
    "deck_gantt_length": "Duration (months)",
    "deck_continued": " (continued)",
    "deck_more": "More actions: {n}; see the report",
    "deck_more_risks": "More risks: {n}; see the report",
    "deck_initiatives": "Other actions: owners and costs",
    "deck_quick_wins": "Quick wins",
    "deck_next_steps": "Next steps",
    "deck_step_launch": "Launch phase 1 from {start} (actions: {n}); confirm each owner and "
    "budget.",
    "deck_step_action": "{title}: {owner}, from {start}",
    "deck_step_launch_redate": "Launch phase 1 (actions: {n}) once the plan is re-dated; "
    "confirm each owner and budget.",
    "deck_step_action_undated": "{title}: {owner}",
    "deck_step_reassess_after": "Re-assess at the end of phase 1 (month {months} after its "
    "launch) and compare with these results.",
    "deck_step_probe": "Check the contradictory answers ({n}) with the bank before the scores "
    "are final.",
    "deck_step_assess": "Assess what is not yet assessed: {names}.",
    "deck_step_reassess": "Re-assess at the end of {phase} and compare with these results.",
    "deck_step_execution": "Agree with the owners how to lift the weak answers of {names} "
    "(an execution gap, no new project).",
    "deck_step_beyond_library": "Add actions for the levels the targets of {names} ask, or "
    "revise those targets: no action of the library reaches them.",
    "deck_step_confirm": "Answer the open questions behind the actions to confirm ({n}), then "
    "re-plan.",
    "phase_from": "from {start}",
    "month_axis": "Month",
    "bank_type_state-owned": "state-owned commercial bank",
    "bank_type_joint-stock": "joint-stock commercial bank",
    "bank_type_city-commercial": "city commercial bank",
    "bank_type_rural": "rural bank or credit cooperative",
    "bank_type_private": "private or internet bank",
    "scope_groups": "Grouping",
    "po": " (",
    "pc": ")",
    "type_cost": "Type, effort, cost",
    "risks": "Risks and dependencies",
    "risks_note": "Read from the results and the roadmap: what could stop the plan or make "
    "its figures wrong.",
    "risk": "Risk",
    "risk_detail": "What shows it",
    "risk_gate": "Foundation gate",
    "risk_gate_text": "The overall level stays capped until {names} reach their floor, "
    "whatever progress elsewhere.",
    "km_unconfirmed": " The level is to be confirmed: the foundation gates it, and questions "
    "of {names} are unanswered (a foundation capability nobody answered caps nothing; one "
    "that caps may rise once its blanks are answered).",
    "risk_unconfirmed": "Foundation not fully answered",
    "risk_unconfirmed_text": "{names} gates the overall level but has unanswered questions: "
    "the level stands only once they are answered, and may then be capped, or capped less.",
    "risk_blind": "Blind spots",
    "risk_blind_text": "Capabilities not assessed ({n}: {names}): their gaps and actions "
    "are unknown.",
    "risk_probe": "Answers that contradict each other",
    "risk_probe_text": "Contradictions open: {n}; the scores rest on answers that may be "
    "wrong until they are checked.",
    "risk_carries": "Dependency: {title}",
    "risk_carries_text": "Later actions wait for it ({n}: {names}); a delay past {end} moves "
    "them all.",
    "risk_owner": "Load on {owner}",
    "risk_owner_text": "Leads actions of the roadmap: {n}, at most {at_once} at once: the "
    "plan's pace depends on this team's capacity.",
    "risk_major": "Major projects",
    "risk_major_text": "Major projects: {n}, at most {at_once} at once, running until {end}: "
    "budget and delivery risk is concentrated there.",
    "risk_shortfall": "Execution gaps: below target with the actions in place",
    "risk_shortfall_text": "{names}: the actions up to the target are in place but the answers "
    "hold the score down; the work is in execution quality, not new projects, and the "
    "projection counts no rise for them.",
    "risk_beyond_library": "Targets no action reaches",
    "risk_beyond_library_text": "{names}: the target asks a level that no action of the "
    "library aims at; the gap stays open whatever the roadmap does until an action is added "
    "or the target is revised.",
    "no_risks": "No structural risk found in the results and the roadmap.",
    "scope": "Scope, interviewees and limitations",
    "scope_subject": "Institution assessed",
    "scope_coverage": "Coverage",
    "scope_skipped": " ({n} of them not asked on these answers: their condition is false)",
    "scope_coverage_text": "dimensions: {dims}; capabilities: {caps}; questions: {questions}",
    "scope_coverage_foundation": "dimensions: {dims} + foundation; capabilities: {caps}; "
    "questions: {questions}",
    "scope_answers": "Answers",
    "scope_answers_text": "{answered} answered, {na} not applicable; {evidenced} with "
    "evidence recorded",
    "interviewees": "Interviewees",
    "interviewee": "Name",
    "role": "Role",
    "limitations": "Limitations",
    "limit_basis": "Scores rest on the answers given in interviews and the documents seen "
    "by the assessor; this is a maturity assessment, not an audit.",
    "limit_evidence": "Answers with no evidence recorded: {n}; their scores are as declared.",
    "limit_missing": "Unanswered questions: {n}; they count as the scoring model says "
    "(see the method).",
    "limit_not_assessed": "Capabilities not assessed: {n}; no gap and no actions for "
    "them; in the scores they count only as the missing policy says.",
    "limit_probes": "Contradictions between answers not yet resolved: {n}.",
    "limit_no_interviewees": "The answers file does not record who was interviewed.",
    "limit_costs_branch": "Costs are the branch's own indicative spend, in bands by the size "
    "of the bank it belongs to, not quotes; durations assume the owners' capacity stated in "
    "the roadmap.",
    "limit_costs": "Costs are indicative bands for the size of bank, not quotes; durations "
    "assume the owners' capacity stated in the roadmap.",
    "deck_dims_title": "{score} · {target} (1–5)",
    "term": "Term",
    "definition": "Definition",
    "deck_priority_note": "Priority = gap × the capability's global weight. The scored "
    "dimensions' weights sum to 1 among themselves and the foundation's within it, so each "
    "priority ranks only within its group (the last column): the two groups' figures do not "
    "compare.",
    "heat_counted": "{score}, counting {caps}, not assessed, as the missing policy says",
    "answer_sep": "; ",
    "na_suffix": " ({na})",
}

BOARD_ZH: dict[str, str] = {
    "key_messages": "核心结论",
    "km_overall": "整体成熟度为{level}级（{level_name}），得分{score}（满分5）{counted}；"
    "按相同的能力与权重计算，目标平均为{target}，从1级到目标已走完{attainment}。",
    "km_overall_not_assessed": "整体：未评估。计入总分的维度均无作答，"
    "因此没有整体得分、目标或达成度。",
    "km_overall_not_assessed_counted": "整体：未评估。计入总分的维度均无作答，"
    "因此没有目标或达成度；整体得分{score}仅是缺失答案规则（未作答问题按最低分计）的结果，不反映银行的实际情况。",
    "km_counted": "，其中无人作答的{names}按最低分计入"
    "（缺失回答按最低分处理；仅按已评估能力计，得分为{base}）",
    "km_capped": "等级{capped}（仅按得分应为{uncapped}级）：基础能力未达底线，"
    "其他得分再高也无法突破。",
    "km_foundation": "基础能力不计入得分，而是限定整体等级：其得分{score}，目标平均{target}"
    "（从1级到目标已走完{attainment}），最低的能力处于{level}级（{level_name}）{gaps}。",
    "km_foundation_gaps": "；其差距按基础能力自身口径排序：{items}",
    "km_foundation_not_assessed": "基础能力：未评估。基础能力不计入得分，而是限定整体等级；"
    "但其问题均未作答，因此此处不给出其得分、目标或差距，在评估之前也不限定等级。",
    "km_over_assessed": "（按已评估能力计）",
    "km_not_assessed": "以下能力未评估（无任何作答），不参与差距排序、不给出行动建议、"
    "不计入达成度（从1级到目标已走完的比例）：{items}。",
    "km_peers": "与{count}家同业（{group}）相比，整体得分{value}，"
    "同业中位数为{median}（{percentile}）。",
    "peer_median": "同业中位数",
    "km_incomplete": "评估不完整（{warning}），阅读结果时请考虑这一点。",
    "km_strongest": "最强的能力：{items}。",
    "km_strongest_item": "{title}（{score}，目标{target}）",
    "km_none_met": "尚无已评估的能力达到目标。",
    "km_weakest": "计入总分的维度中优先级最高的差距（差距×权重，见指标定义）：{items}。",
    "km_weakest_item": "{title}（{score}，目标{target}，差{gap}）",
    "km_foundation_gaps_item": "{title}（{score}，目标{target}，差{gap}）",
    "km_all_met": "所有已评估的能力均达到目标。",
    "km_nothing_assessed": "未作任何评估：没有任何问题作答，无法据此给出得分、差距、"
    "目标达成度或行动建议；请先完成问卷。",
    "km_nothing_scored": "未计任何得分：所有问题均作答为不适用，无法给出得分、差距、"
    "目标达成度或行动建议。",
    "km_lessons_met": "计入总分的维度中，所有已评估的能力均达到目标。",
    "km_roadmap": "路线图在{phases}个阶段内安排{n}项行动，自{start}至{end}，第一批行动包括{first}；"
    "全部完成后整体得分由{score}提升至{projected}。",
    "km_redate": "其起始日期早于本报告，启动前须自报告日期起重新排期。",
    "km_in_place": "另有{n}项行动已落实（列于路线图之后）。",
    "km_left_off": "{n}项行动因所属能力未评估而未排期。",
    "km_to_confirm": "{n}项行动需先确认（作答尚不能判断）再决定是否排期。",
    "km_no_roadmap": "达到目标无需新的行动。",
    "km_no_new_action": "路线图未安排新的行动。",
    "km_more": "及另外{n}项",
    "km_provisional": "以下差距取决于未作答问题（若按最优作答即可达到目标），属暂定差距，"
    "在作答之前不列入首要差距：{items}。",
    "km_execution": "以下能力目标等级以内的行动均已落实但仍低于目标，"
    "属于执行差距，无需新增项目：{names}。",
    "km_beyond_library": "以下能力的目标等级在行动库中没有对应行动，"
    "任何项目都无法使其达标：{names}。",
    "heatmap": "能力热力图",
    "heatmap_note": "各项能力对照目标：已达标、差距不超过一级、差距超过一级、未评估或不适用。"
    "打印时以符号区分状态；标注为暂定的差距取决于未作答问题。",
    "heat_met": "已达标",
    "heat_near": "差距不超过一级",
    "heat_far": "差距超过一级",
    "heat_na": "未评估或不适用",
    "radar": "各维度成熟度",
    "appendix": "附录：作答与佐证",
    "appendix_note": "所有题目的作答、得分及记录的佐证和备注。",
    "page_of": "第 {page} 页，共 {pages} 页",
    "dep_scheduled": "{title}（{start} – {end}）",
    "dep_in_place_evidence": "{title}：依据作答已落实",
    "dep_in_place_level": "{title}：该能力已达相应等级，视为已落实",
    "dep_not_assessed": "{title}：未评估，启动前需核实",
    "dep_not_applicable": "{title}：不适用（该能力的问题均作答为不适用）",
    "dep_to_confirm": "{title}：待确认（作答尚不能判断），启动前需核实",
    "owner_kpi": "牵头部门与考核指标",
    "clause_sep": "；",
    "capped_sep": "，",
    "stop": "：",
    "deck_gantt": "各项行动起止（自{start}起的月数）",
    "deck_gantt_start": "开始（月）",
    "deck_gantt_length": "历时（月）",
    "deck_continued": "（续）",
    "deck_more": "另有{n}项行动，详见报告",
    "deck_more_risks": "另有{n}项风险，详见报告",
    "deck_initiatives": "其他行动：牵头部门与投入",
    "deck_quick_wins": "速赢行动",
    "deck_next_steps": "下一步工作",
    "deck_step_launch": "启动第一阶段：{n}项行动自{start}起实施，逐项确认牵头部门与预算。",
    "deck_step_action": "{title}：{owner}，{start}起",
    "deck_step_launch_redate": "重新排期后启动第一阶段（{n}项行动），逐项确认牵头部门与预算。",
    "deck_step_action_undated": "{title}：{owner}",
    "deck_step_reassess_after": "在第一阶段结束时（启动后第{months}个月）重新评估，"
    "并与本次结果对比。",
    "deck_step_probe": "与银行核实{n}处相互矛盾的作答后再确定得分。",
    "deck_step_assess": "补充评估尚未评估的能力：{names}。",
    "deck_step_reassess": "在{phase}结束时重新评估，并与本次结果对比。",
    "deck_step_execution": "与牵头部门商定如何改进拉低以下能力得分的作答："
    "{names}（属于执行差距，无需新增项目）。",
    "deck_step_beyond_library": "为{names}的目标等级补充行动，或调整其目标："
    "行动库中没有可达到该等级的行动。",
    "deck_step_confirm": "补答{n}项待确认行动所依据的问题，然后重新排期。",
    "phase_from": "{start} 起",
    "month_axis": "月份",
    "bank_type_state-owned": "国有大型商业银行",
    "bank_type_joint-stock": "股份制商业银行",
    "bank_type_city-commercial": "城市商业银行",
    "bank_type_rural": "农村商业银行、农村合作银行或农信社",
    "bank_type_private": "民营银行或互联网银行",
    "scope_groups": "分组",
    "po": "（",
    "pc": "）",
    "type_cost": "类型、投入与成本",
    "risks": "风险与依赖",
    "risks_note": "根据评估结果与路线图识别：可能阻碍计划或使其数据失真的因素。",
    "risk": "风险",
    "risk_detail": "依据",
    "km_unconfirmed": "该等级有待确认：基础能力限定整体等级，而{names}尚有问题未作答"
    "（完全未作答的基础能力不限定等级；已限定等级的，补充作答后可能上调）。",
    "risk_unconfirmed": "基础能力未完整作答",
    "risk_unconfirmed_text": "{names}限定整体等级但尚有问题未作答："
    "补充作答后等级方可确认，届时可能受限或上调。",
    "risk_gate": "基础能力门槛",
    "risk_gate_text": "在{names}达到底线之前，无论其他方面进展如何，整体等级都将受限。",
    "risk_blind": "评估盲区",
    "risk_blind_text": "{n}项能力未评估（{names}），其差距与所需行动尚不清楚。",
    "risk_probe": "作答相互矛盾",
    "risk_probe_text": "尚有{n}处矛盾未核实，相关得分所依据的作答可能有误。",
    "risk_carries": "关键依赖：{title}",
    "risk_carries_text": "后续{n}项行动依赖于此（{names}），若晚于{end}完成，这些行动将全部顺延。",
    "risk_owner": "{owner}的工作负荷",
    "risk_owner_text": "牵头路线图中{n}项行动，同时不超过{at_once}项，"
    "计划进度取决于该部门的承载能力。",
    "risk_major": "重点项目",
    "risk_major_text": "共{n}个重点项目，同时不超过{at_once}个，持续至{end}，"
    "预算与交付风险集中于此。",
    "risk_shortfall": "执行差距：行动已落实但得分低于目标",
    "risk_shortfall_text": "{names}：目标等级以内的行动均已落实，但作答拉低了得分，"
    "需提升执行质量而非新增项目，预计得分不计其提升。",
    "risk_beyond_library": "目标超出行动库范围",
    "risk_beyond_library_text": "{names}：目标要求的等级在行动库中没有对应行动，"
    "无论路线图如何执行，该差距都无法消除，须补充行动或调整目标。",
    "no_risks": "评估结果与路线图中未发现结构性风险。",
    "scope": "评估范围、访谈对象与局限",
    "scope_subject": "受评机构",
    "scope_coverage": "覆盖范围",
    "scope_skipped": "（其中 {n} 道题因提问条件不成立而未提问）",
    "scope_coverage_text": "{dims}个维度、{caps}项能力、{questions}道题目",
    "scope_coverage_foundation": "{dims}个维度及基础能力、{caps}项能力、{questions}道题目",
    "scope_answers": "作答情况",
    "scope_answers_text": "已作答{answered}题，不适用{na}题，其中{evidenced}题记录了佐证",
    "interviewees": "访谈对象",
    "interviewee": "姓名",
    "role": "职务",
    "limitations": "局限",
    "limit_basis": "得分基于访谈作答及评估人员查阅的文件，属成熟度评估，并非审计。",
    "limit_evidence": "{n}题作答未记录佐证，其得分以自述为准。",
    "limit_missing": "{n}道题目未作答，按评分模型的规则处理（见评估方法）。",
    "limit_not_assessed": "{n}项能力未评估：不计差距、不给出行动建议；得分中仅按缺失答案规则计入。",
    "limit_probes": "作答之间尚有{n}处矛盾未核实。",
    "limit_no_interviewees": "作答文件未记录访谈对象。",
    "limit_costs_branch": "成本为分支机构自身投入的参考区间，按其所属银行的规模列示，并非报价；"
    "工期以路线图所列牵头部门的承载能力为前提。",
    "limit_costs": "成本为按银行规模估算的参考区间，并非报价；"
    "工期以路线图所列牵头部门的承载能力为前提。",
    "deck_dims_title": "{score}与{target}（1–5）",
    "term": "术语",
    "definition": "定义",
    "deck_priority_note": "优先级 = 差距 × 该能力的全局权重。计入总分的维度的权重在其内部合计为 1，"
    "基础能力的权重在基础能力内部合计为 1，因此优先级只在同组内排序（见最后一列），"
    "两组数值不可相互比较。",
    "heat_counted": "{score}，按缺失答案规则计入未评估的{caps}",
    "answer_sep": "；",
    "na_suffix": "（{na}）",
}
