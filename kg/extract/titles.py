"""People printed beside their posts: TitleMention facts.

Shapes handled (all general grammar of the genre, no names of any gazette):

- role lines of a group list:      ``组 长：王明 县委常委、副县长``
  and their continuation lines:    ``李 洋 县财政局副局长`` (role inherited)
  also ``组长：县委常委、副县长王明``, ``组长：王明（县委常委、副县长）``,
  ``副组长：王明，县委常委；李四，副县长``, ``副组长：王明（副县长）、李四（县政府办主任）``
  (a name marked off by its bracket or comma may have a surname missing from the list);
- a title before a name in prose:  ``由县委常委、副县长王明召集``,
  ``县长王明主持召开``, ``由县政府办副主任李四任召集人``;
- a name before a leader's title:  ``王明县长主持召开``;
- 出席 lines of minutes:            ``出 席：王明、李四`` (context "出席", title "",
  since the line names the government's leaders without their posts).

The module also holds the grammar of a Chinese personal name (surnames,
lengths, layout spaces) shared by the personnel extractor and the resolve stage.
"""
from __future__ import annotations

import re

from kg.extract.registry import extractor
from kg.extract.text_spans import LAYOUT_SPACE, LAYOUT_SPACES, spaced_word, trim_span
from kg.ingest.lines import iter_lines
from kg.model import Document, Span, TitleMention

# --- grammar of personal names ---------------------------------------------

# Common single-character surnames (general knowledge: the 百家姓 and the modern frequency lists,
# about 400 of the commonest and the rarer ones of the 百家姓 that are no everyday word).
# Characters that are mostly words and rare as surnames (来, 那, 位, 支, 原, 相, 计, 门, 水, 山,
# 家, 能, 通, 后, 公, 东, 扶, 弘, 暨 …) are left out: a false name costs more than a missed one.
_SIMPLIFIED_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
    "莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅"
    "童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项"
    "连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米杭仇巢湛狄商粟栗衡揭蔺闵桂佘邬鞠苟荣晋占强和勾荆隋卿查琚柏宗寇"
    "帅麻滑诸茅谈秘刁封经扈巫幸池匡植虞敖忻楚晁尉邝蓬全冼谌甄粱伏禹栾侍隆云邸燕练宿国都裘钭郎竺战雍邴富"
    "赖洪瞿佟应臧边卞姬师沙桑丛仲巩明苑迟官惠乐冀郁胥南班储鄢劳奚皮楼闻厉伊仝郜阚花权屠朴盖廉井祖漆巴丰"
    "平索宣芮阙浦戈鹿薄辜羊乌亓邰赫况鲜逯茹慕玉亢嵩鄂酆昌贝钮荀嵇訾殳缑逄郦蒯骞雒"
    "檀宓昝贲羿汲糜隗郗戎韶蓟莘璩濮郏庾蔚夔厍佴谯笪桓蹇乜"
)
# Their traditional forms, where they differ: only the form a surname takes (鍾 and 鐘 for 钟,
# 蕭 for 萧), not every character that simplifies to it (於, 週, 鬍, 餘 are words, not surnames).
_TRADITIONAL_SURNAMES = (
    "張劉陳楊黃趙吳孫馬鄭羅謝許鄧韓馮蔣葉蘇呂盧鍾鐘鈡譚陸韋賈鄒閆龍賀顧龔萬錢嚴歐湯喬賴莊溫齊龐顏顔聶魯關"
    "蘭寧甯紀淩畢單塗駱藍鮑華饒陽時農繆簡車項連蘆麥婁竇宮費衛應閔鄔邊師欒榮叢鞏査遲鄺談荊樂儲勞諶藺樓聞"
    "厲闞權強帥蓋練豐國晉雲闕烏況鮮諸戰蕭閻經鈄貝鈕緱酈騫賁薊郟厙譙"
)
SINGLE_SURNAMES = frozenset(_SIMPLIFIED_SURNAMES + _TRADITIONAL_SURNAMES)
# Compound surnames, simplified and traditional. Ones that are also common words (第五, 微生,
# 百里, 东门) are left out for the same reason as above.
COMPOUND_SURNAMES = frozenset((
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
    "轩辕", "令狐", "钟离", "闻人", "澹台", "南宫", "端木", "独孤", "万俟", "西门", "呼延", "太史", "申屠",
    "公冶", "宗政", "濮阳", "淳于", "单于", "太叔", "仲孙", "鲜于", "闾丘", "亓官", "司寇", "颛孙", "巫马",
    "公西", "漆雕", "乐正", "壤驷", "公良", "拓跋", "夹谷", "宰父", "谷梁", "段干", "东郭", "羊舌", "梁丘",
    "左丘", "司空", "赫连", "皇甫",
    "歐陽", "司馬", "諸葛", "東方", "尉遲", "公孫", "長孫", "軒轅", "鍾離", "鐘離", "聞人", "澹臺", "南宮",
    "獨孤", "萬俟", "濮陽", "單于", "仲孫", "鮮于", "閭丘", "顓孫", "巫馬", "樂正", "壤駟", "夾谷", "穀梁",
    "東郭", "赫連",
))
CJK = "\u4e00-\u9fff\u3400-\u4dbf"  # the CJK ideographs a name is written in
# Two to four characters, single layout spaces allowed between them ("杨 盛"), a middle dot for
# transliterated names.
PERSON_NAME = rf"[{CJK}](?:{LAYOUT_SPACE}?[{CJK}·]){{1,3}}"

# Words that are never (part of) a person's name in these texts.
_NOT_NAME_PARTS = re.compile(
    r"负责|同志|领导|单位|部门|政府|人民|主任|市长|县长|区长|局长|书记|委员|成员|分管|相关|各|有关|召集|牵头|组长|"
    r"办公|中心|公司|集团|管委|街道|社区|镇|乡|村|局|委|办|会议|工作|专班|主要|班子|以上|上述|其|等"
)


def squeeze(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


def has_surname(name: str) -> bool:
    name = squeeze(name)
    return name[:2] in COMPOUND_SURNAMES or (name[:1] in SINGLE_SURNAMES)


def looks_like_name(text: str) -> bool:
    """A plausible personal name as printed: 2-4 characters (3-5 with a compound surname),
    known surname, no role or unit words."""
    name = squeeze(text)
    if not name or not re.fullmatch(rf"[{CJK}·]+", name):
        return False
    longest = 5 if name[:2] in COMPOUND_SURNAMES else 4
    if not 2 <= len(name) <= longest:
        return False
    if not has_surname(name):
        return False
    return _NOT_NAME_PARTS.search(name) is None


# Words that stand where a name would ("免去下列同志…", "任命以上同志为…") and characters a
# name never holds; checked only for names without a known surname.
_NON_NAME_WORDS = re.compile(
    r"^(?:下列|以下|以上|上述|如下|其他|其余|所有|全体|该|本|原|现|新|拟|经|由|对|将|请|同时|分别|他们|她们|我们)"
    r"|人选|职务|职位|人员|干部|同志|等|为|的|之|和|与|及|或|在|是|[县市省厅]|[区处科股室院所队站部组]$"
    r"|[一二两三四五六七八九十几每多][名位个人批]|专人|专职|专门|兼职"
)


def looks_like_delimited_name(text: str) -> bool:
    """A name where the wording marks off where it starts and ends (任命X为, X同志任, 免去X的,
    ``组长：X（…）``): any two or three characters, the surname not necessarily in the list,
    unless they are a word of the genre. Elsewhere (names run together) use looks_like_name."""
    if looks_like_name(text):
        return True
    name = squeeze(text)
    if not re.fullmatch(rf"[{CJK}]{{2,3}}", name):
        return False
    return _NOT_NAME_PARTS.search(name) is None and _NON_NAME_WORDS.search(name) is None


# --- a matching view: same length as the text, genre keywords simplified ------

# Traditional forms of the genre's key words and ASCII punctuation mapped one to one, so that
# offsets in the view are offsets in the source.
_VIEW_MAP = str.maketrans({
    "(": "（", ")": "）", ":": "：", ";": "；", ",": "，", "[": "〔", "]": "〕",
    "職": "职", "務": "务", "試": "试", "為": "为", "擔": "担", "組": "组", "長": "长", "會": "会",
    "議": "议", "負": "负", "責": "责", "牽": "牵", "頭": "头", "區": "区", "縣": "县", "鎮": "镇",
    "書": "书", "記": "记", "處": "处", "辦": "办", "導": "导", "員": "员", "聯": "联", "協": "协",
    "調": "调", "經": "经", "廳": "厅", "級": "级", "屬": "属", "召": "召", "請": "请", "聘": "聘",
    "撤": "撤", "銷": "销", "與": "与", "專": "专", "無": "无", "揮": "挥", "體": "体", "劃": "划",
    "準": "准", "構": "构", "關": "关", "於": "于", "通": "通", "實": "实", "參": "参", "監": "监",
    "衛": "卫", "發": "发", "財": "财", "稅": "税", "設": "设", "農": "农", "業": "业", "資": "资",
    "應": "应", "華": "华", "紀": "纪", "總": "总", "師": "师", "勞": "劳", "動": "动", "統": "统",
    "計": "计", "審": "审", "計": "计", "醫": "医", "療": "疗", "險": "险", "環": "环", "境": "境",
    "題": "题", "係": "系", "黨": "党", "團": "团", "產": "产", "開": "开", "訊": "讯", "網": "网",
    "顧": "顾", "問": "问", "絡": "络", "聯": "联", "執": "执", "補": "补", "齊": "齐",
})


def matching_view(text: str) -> str:
    """The text with ASCII punctuation made full-width and a few traditional characters
    simplified, character for character (so offsets are shared with the text)."""
    return text.translate(_VIEW_MAP)


# --- titles -----------------------------------------------------------------

# How a post or title ends: an office or rank word.
OFFICE_TAIL = (
    r"(?:常委|委员|书记|市长|县长|区长|州长|镇长|乡长|局长|处长|科长|股长|所长|站长|馆长|院长|校长|行长|社长|"
    r"部长|主任|主席|秘书长|会长|理事长|董事长|总经理|经理|检察长|庭长|队长|大队长|团长|政委|教导员|调研员|"
    r"巡视员|督学|参谋|助理|干事|专员|总监|总工程师|工程师|总会计师|会计师|经济师|总师|主任科员|指挥长|组长|"
    r"召集人|秘书|顾问|联络员)"
)
_TITLE_PIECE = rf"[{CJK}（）()·]{{0,30}}?{OFFICE_TAIL}"
TITLE = rf"{_TITLE_PIECE}(?:[、，]{_TITLE_PIECE}){{0,3}}"
_TITLE_FULL = re.compile(rf"{TITLE}")

# Role words of group lists; layout spaces may stand between their characters ("组 长").
_ROLE_WORDS = ("总召集人", "副召集人", "召集人", "常务副组长", "执行组长", "副组长", "组长", "第一组长",
               "总指挥长", "副指挥长", "指挥长", "总指挥", "副指挥", "指挥", "办公室主任", "办公室副主任",
               "副主任", "主任", "成员", "组员", "秘书长", "联络员", "顾问", "政委", "委员")


ROLE = "(?:" + "|".join(spaced_word(w) for w in _ROLE_WORDS) + ")"
_ROLE_LINE = re.compile(rf"^[ \u3000\t]*(?P<role>{ROLE})[ \u3000\t]*[：:][ \u3000\t]*(?P<rest>.*?)[ \u3000\t；;。]*$")
_ATTEND_LINE = re.compile(rf"^[ \u3000\t]*{spaced_word('出席')}(?:人员|领导)?[ \u3000\t]*[：:][ \u3000\t]*(?P<rest>.*?)[ \u3000\t。]*$")

# Verbs that end a name standing after a title in prose.
_AFTER_NAME = r"(?P<verb>主持|召集|牵头|任(?P<role>总召集人|副召集人|召集人|常务副组长|副组长|组长|总指挥|副指挥长|指挥长|办公室主任|主任|副主任)|担任|同志|兼任|负责|出席|参加|讲话|在会上|强调|指出|要求)"
_TITLE_THEN_NAME = re.compile(
    rf"(?:^|(?<=[，。；、：:（(\s由及和请]))(?P<title>{TITLE})(?P<name>[{CJK}]{{2,4}}?){_AFTER_NAME}"
)
_LEADER_TITLE = r"(?:常务副|副)?(?:市|县|区|州|旗|镇|乡)长|(?:市|县|区)委书记|书记|主任"
_NAME_THEN_TITLE = re.compile(
    rf"(?:^|(?<=[，。；：:\s]))(?P<name>[{CJK}]{{2,4}}?)(?P<title>{_LEADER_TITLE})(?=主持|讲话|强调|指出|出席|参加|要求|召集)"
)


def _name_and_title(view: str, a: int, b: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Split ``NAME TITLE`` / ``TITLE NAME`` / ``NAME（TITLE）`` / ``NAME，TITLE`` in view[a:b]."""
    a, b = trim_span(view, a, b, LAYOUT_SPACES)
    seg = view[a:b]
    if not seg:
        return None
    # NAME（TITLE）
    m = re.fullmatch(rf"({PERSON_NAME})[ \u3000]*（([^（）]+)）", seg)
    if m and looks_like_delimited_name(m.group(1)) and _TITLE_FULL.fullmatch(squeeze(m.group(2))):
        return (a + m.start(1), a + m.end(1)), (a + m.start(2), a + m.end(2))
    # NAME，TITLE
    m = re.fullmatch(rf"({PERSON_NAME})[ \u3000]*[，、][ \u3000]*(.+)", seg)
    if m and looks_like_delimited_name(m.group(1)) and _TITLE_FULL.fullmatch(squeeze(m.group(2))):
        return (a + m.start(1), a + m.end(1)), (a + m.start(2), a + m.end(2))
    # NAME<space>TITLE: the title is the last space-free token; the name the tokens before it.
    m = re.fullmatch(r"(.+?)[ \u3000\t]+(\S+)", seg)
    if m:
        name_part, title_part = m.group(1), m.group(2)
        tokens = name_part.split()
        if all(len(t) <= 3 for t in tokens) and looks_like_delimited_name(name_part) and re.fullmatch(TITLE, title_part):
            return (a + m.start(1), a + m.end(1)), (a + m.start(2), a + m.end(2))
    # TITLE NAME run together
    squeezed_ok = re.fullmatch(rf"({TITLE})([{CJK}]{{2,4}})", seg)
    if squeezed_ok and looks_like_name(squeezed_ok.group(2)):
        return (a + squeezed_ok.start(2), a + squeezed_ok.end(2)), (a + squeezed_ok.start(1), a + squeezed_ok.end(1))
    return None


def _role_lines(doc: Document, view: str, base: int) -> list[TitleMention]:
    """Group lists: ``ROLE：NAME TITLE`` and continuation lines ``NAME TITLE``."""
    out = []
    role = None
    for a, b in iter_lines(view, doc.body_start - base, len(view)):
        line = view[a:b]
        if not line.strip():
            continue
        m = _ROLE_LINE.match(line)
        if m:
            role = squeeze(m.group("role"))
            rest_a, rest_b = a + m.start("rest"), a + m.end("rest")
            # one or several people on the line, separated by ；
            pieces = [q for pa, pb in _split_on(view, rest_a, rest_b, "；") for q in _split_after_brackets(view, pa, pb)]
            found = False
            for pa, pb in pieces:
                split = _name_and_title(view, pa, pb)
                if split:
                    found = True
                    out.append(_mention(doc, base, split, role, a, b))
            if not found:
                # "成　员：" alone on its line heads one "NAME（TITLE）" per line
                rest = view[rest_a:rest_b]
                role = role if not rest.strip() or _looks_like_bare_names(rest) else None
            continue
        if role is not None:
            split = _name_and_title(view, a, b)
            if split:
                out.append(_mention(doc, base, split, role, a, b))
                continue
        role = None
    return out


def _split_after_brackets(view: str, a: int, b: int) -> list[tuple[int, int]]:
    """"王明（副县长）、李四（县政府办主任）": people with bracketed titles listed with 、."""
    pieces, start = [], a
    for i in range(a + 1, b):
        if view[i] == "、" and view[i - 1] == "）":
            pieces.append((start, i))
            start = i + 1
    pieces.append((start, b))
    return [p for p in pieces if view[p[0]:p[1]].strip()]


def _looks_like_bare_names(text: str) -> bool:
    return bool(text.strip()) and all(looks_like_name(p) for p in re.split(r"[、，]", text) if p.strip())


def _split_on(view: str, a: int, b: int, seps: str) -> list[tuple[int, int]]:
    pieces, start = [], a
    for i in range(a, b):
        if view[i] in seps:
            pieces.append((start, i))
            start = i + 1
    pieces.append((start, b))
    return [p for p in pieces if view[p[0]:p[1]].strip()]


def _mention(doc: Document, base: int, split, context: str, line_a: int, line_b: int) -> TitleMention:
    (na, nb), (ta, tb) = split
    source = doc.span.text
    la, lb = trim_span(source, line_a, line_b, LAYOUT_SPACES)
    return TitleMention(
        doc_no=doc.doc_no, person=source[na:nb], title=squeeze(source[ta:tb]), context=context,
        evidence=Span(base + la, base + lb, source[la:lb]),
    )


def _prose_mentions(doc: Document, view: str, base: int) -> list[TitleMention]:
    """``由县委常委、副县长王明召集``, ``县长王明主持``, ``王明县长主持``."""
    out = []
    source = doc.span.text
    for a, b in iter_lines(view, doc.body_start - base, len(view)):
        line = view[a:b]
        if "：" in line[:8] and _ROLE_LINE.match(line):
            continue
        for m in _TITLE_THEN_NAME.finditer(line):
            name = m.group("name")
            if not looks_like_name(name):
                continue
            title = _trim_title_head(m.group("title"))
            if not title:
                continue
            context = _context_of(m.group("verb"), m.group("role"))
            t_a = a + m.end("title") - len(title)
            ev_a, ev_b = t_a, a + m.end("verb")
            out.append(TitleMention(doc.doc_no, source[a + m.start("name"):a + m.end("name")], squeeze(source[t_a:a + m.end("title")]),
                                    context, Span(base + ev_a, base + ev_b, source[ev_a:ev_b])))
        for m in _NAME_THEN_TITLE.finditer(line):
            if not looks_like_name(m.group("name")):
                continue
            ev_a, ev_b = a + m.start("name"), a + m.end("title") + 2
            ev_b = min(ev_b, b)
            out.append(TitleMention(doc.doc_no, source[a + m.start("name"):a + m.end("name")], m.group("title"),
                                    _context_of(view[a + m.end("title"):a + m.end("title") + 2], None),
                                    Span(base + ev_a, base + ev_b, source[ev_a:ev_b])))
    return out


def _trim_title_head(title: str) -> str:
    # "成立由市政府办副主任" -> "市政府办副主任"
    m = re.search(r"(?:成立由|建立由|由)([^由]*)$", title)
    if m:
        title = m.group(1)
    return title.strip("，、 ")


def _context_of(verb: str, role: str | None) -> str:
    if role:
        return role
    verb = verb or ""
    if verb.startswith("主持"):
        return "主持"
    if verb.startswith("召集"):
        return "召集人"
    if verb.startswith("牵头"):
        return "牵头"
    if verb.startswith(("出席", "参加")):
        return "出席"
    return "inline"


def _attendance_mentions(doc: Document, view: str, base: int) -> list[TitleMention]:
    """``出 席：王明、李四``: the government's leaders present (no title printed)."""
    out = []
    source = doc.span.text
    for a, b in iter_lines(view, doc.body_start - base if not doc.is_meeting else 0, len(view)):
        m = _ATTEND_LINE.match(view[a:b])
        if not m:
            continue
        rest_a, rest_b = a + m.start("rest"), a + m.end("rest")
        for pa, pb in _split_on(view, rest_a, rest_b, "、，"):
            pa, pb = trim_span(view, pa, pb, LAYOUT_SPACES)
            if pb <= pa or not re.fullmatch(rf"[{CJK}·]+(?:[ \u3000]+[{CJK}·]+)*", view[pa:pb]):
                continue
            la, lb = trim_span(source, a, b, LAYOUT_SPACES)
            out.append(TitleMention(doc.doc_no, source[pa:pb], "", "出席", Span(base + la, base + lb, source[la:lb])))
    return out


@extractor("titles")
def extract_titles(doc: Document) -> list[TitleMention]:
    """Every person printed beside a post or title in one document, in text order."""
    base = doc.span.start
    view = matching_view(doc.span.text)
    found = _role_lines(doc, view, base) + _prose_mentions(doc, view, base) + _attendance_mentions(doc, view, base)
    seen = set()
    out = []
    for t in sorted(found, key=lambda t: (t.evidence.start, t.evidence.end)):  # stable: text order within a line
        key = (t.person, t.title, t.context, t.evidence.start)
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out
