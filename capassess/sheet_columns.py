"""A collection sheet's header, checked as the batch reader will read it once filled in.

``batch`` reads a header cell as ``id``, ``name`` or a question id in any case, with
full-width letters made half-width and a note in brackets dropped, refuses a column
given twice, and refuses a group column named like one of its result columns
(``overall``, a dimension or capability id, ``rank``...). ``template --group ID``,
``--group region --group region`` or ``--group data`` would hand branches a sheet that
comes back refused, after they filled it in; the template refuses it instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from capassess.errors import InputError
from capassess.texts import say

if TYPE_CHECKING:
    from capassess.batch.template import TemplateOptions
    from capassess.model.questionnaire import Questionnaire


def refuse_unreadable_header(questionnaire: Questionnaire, options: TemplateOptions) -> None:
    """Refuse the options if batch would refuse the header of the sheet they make."""
    from capassess.batch.table import resolve_layout
    from capassess.batch.template import check_groups, header
    from capassess.batch.wording import localise

    check_groups(questionnaire, options.groups)  # a blank name, or id exactly: said plainly
    try:
        resolve_layout(header(questionnaire, options), questionnaire, "", lenient=True)
    except InputError as exc:
        reasons = "; ".join(localise(p.message, options.lang) for p in exc.problems)
        raise InputError(say("batch", options.lang, "groups_clash", reasons=reasons)) from None
