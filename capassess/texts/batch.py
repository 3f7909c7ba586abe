"""The words of the collection template and of a batch run on the terminal, in English
and Chinese. ``group_<name>`` keys label the common group columns (``region``...)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from capassess.model.base import Lang

EN: dict[str, str] = {
    "group_region": "Region",
    "group_province": "Province",
    "group_city": "City",
    "group_type": "Type",
    "group_tier": "Tier",
    "group_size": "Size",
}

ZH: dict[str, str] = {
    "group_region": "区域",
    "group_province": "省份",
    "group_city": "城市",
    "group_type": "类型",
    "group_tier": "层级",
    "group_size": "规模",
}


def group_label(name: str, lang: Lang) -> str:
    """The label of the group column ``name``: the catalogue's word for a common group
    column (``group_<name>``), else the name itself."""
    from capassess.texts import known_or

    return known_or("batch", lang, f"group_{name.strip().casefold()}", name)
