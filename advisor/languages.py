"""The languages a text names (English names and the common native ones), for splitting a job by
language and reading which language a note leaves out; a leaf module both the plan and the rules
read. Linear in the text: one compiled alternation."""

from __future__ import annotations

import re

#: Languages a job is split by, each with the words that name it (English names and the
#: common native ones); canonical name first.
LANGUAGES: dict[str, tuple[str, ...]] = {
    "English": ("english", "inglés", "englisch", "anglais", "英語", "英语", "영어"),
    "Chinese": ("chinese", "mandarin", "chino", "chinesisch", "chinois", "中国語", "中文", "汉语", "중국어"),
    "Korean": ("korean", "coreano", "koreanisch", "coréen", "韓国語", "韩语", "한국어"),
    "Thai": ("thai", "tailandés", "thailändisch", "thaï", "タイ語", "泰语", "태국어"),
    "Japanese": ("japanese", "japonés", "japanisch", "japonais", "日本語", "日语", "일본어"),
    "Spanish": ("spanish", "español", "spanisch", "espagnol", "스페인어", "スペイン語", "西班牙语"),
    "German": ("german", "alemán", "deutsch", "allemand", "독일어", "ドイツ語", "德语"),
    "French": ("french", "francés", "französisch", "français", "프랑스어", "フランス語", "法语"),
    "Italian": ("italian", "italiano", "italienisch", "italien"),
    "Portuguese": ("portuguese", "portugués", "português", "portugiesisch"),
    "Russian": ("russian", "ruso", "russisch", "russe", "русский", "러시아어", "ロシア語", "俄语"),
    "Arabic": ("arabic", "árabe", "arabisch", "arabe", "العربية", "아랍어", "アラビア語", "阿拉伯语"),
    "Vietnamese": ("vietnamese", "vietnamita", "tiếng việt", "베트남어", "ベトナム語", "越南语", "越南語"),
    "Indonesian": ("indonesian", "bahasa indonesia", "인도네시아어", "インドネシア語", "印尼语"),
    "Dutch": ("dutch", "nederlands", "holandés"),
    "Polish": ("polish", "polski"),
    "Turkish": ("turkish", "türkçe"),
    "Hindi": ("hindi", "हिन्दी", "हिंदी"),
}
_WORD = {w: name for name, ws in LANGUAGES.items() for w in ws}
_ASCII = sorted((w for w in _WORD if w.isascii()), key=len, reverse=True)
_OTHER = sorted((w for w in _WORD if not w.isascii()), key=len, reverse=True)
_NAMES = re.compile(r"\b(?:" + "|".join(map(re.escape, _ASCII)) + r")\b|" + "|".join(map(re.escape, _OTHER)),
                    re.IGNORECASE)
#: Text read at most (notes are limited in size; this bounds the scan).
MAX_CHARS = 20_000


def named(text: str) -> list[str]:
    """The languages ``text`` names, each once, in order of first mention."""
    return list(dict.fromkeys(_WORD[m.group(0).lower()] for m in _NAMES.finditer(text[:MAX_CHARS])))
