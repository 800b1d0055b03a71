"""Split a gazette's text into documents: numbered documents and meeting records.

A numbered document starts at its 文号 standing on a line of its own
("青政办函〔2025〕12号"); a number cited inside running text is not a start.
A meeting record starts at the short header above the sentence
"<date>，<chair>主持召开…第N次常务会议". A single notice copied from a website
(title first, 文号 after it, page chrome around) is one document too.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from kg.ingest.lines import iter_lines as _lines, iter_nonblank_lines as _nonblank_lines
from kg.ingest.variants import printed_form
from kg.ingest.textnorm import DATE_PATTERN, chinese_number, parse_date, squeeze_cjk_spaces, strip_markup
from kg.model import Document, Gazette, Paragraph, SourceText, Span, TocEntry, TocMismatch

_OPEN = "〔\\[［【(（"
_CLOSE = "〕\\]］】)）"
DOC_NO = (
    rf"(?P<prefix>[\u4e00-\u9fff]{{1,12}})[ \t\u3000]*[{_OPEN}][ \t]*(?P<year>\d{{4}})[ \t]*[{_CLOSE}]"
    rf"[ \t\u3000]*(?P<num>\d{{1,4}})[ \t\u3000]*号"
)
_NUMBER_LABEL = r"(?:发文字号|发文号|文[ \t\u3000]*号|字[ \t\u3000]*号)[:：][ \t\u3000]*"
_SIGNING_DATE = r"(?:\d{4}|[〇零○一二三四五六七八九]{4})\s*年[^，,。\n）)]{1,10}日"
# "青政发〔2025〕3号" alone on its line; or in brackets under the title, with the
# signing date beside it "（青政发〔2025〕3号　2025年4月3日）"; or after a web page's label.
DOC_NO_LINE = re.compile(
    rf"^[ \t\u3000]*(?P<label>{_NUMBER_LABEL})?(?P<open>[（(][ \t]*(?:{_SIGNING_DATE}[ \t\u3000]+)?)?(?P<no>{DOC_NO})"
    rf"(?(open)(?:[ \t\u3000]+(?P<bracket_date>{_SIGNING_DATE}))?[ \t]*[）)])[ \t\u3000]*$", re.M
)
DOC_NO_ANYWHERE = re.compile(DOC_NO)

# Genre words that end a document title; the kind of a document is the last one.
GENRES = ("通知", "方案", "纪要", "意见", "决定", "公告", "通告", "通报", "批复", "办法", "规定", "规划",
          "报告", "请示", "命令", "函", "细则", "制度", "规则", "计划", "要点", "清单")
_TITLE_END = re.compile(rf"(?:{'|'.join(GENRES)})\**[ \t\u3000]*$")

# No free lead-in before the kind: a search would start it early ("人民政府县长办公会议").
MEETING_KIND = (r"(?P<kind>常务会议|(?:常务副|副)?(?:市长|县长|区长|州长|主任|旗长)办公会议"
                r"|(?:市长|县长|区长|市政府|县政府|区政府)?专题会议|全体会议)")
MEETING_SENTENCE = re.compile(
    rf"^[ \t\u3000]*(?P<date>(?:(?:\d{{4}}|[〇零○一二三四五六七八九]{{4}})\s*年)?\s*(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*月[^，,。\n年]{{1,8}}?日)"
    rf"[^。\n]{{0,80}}?(?:主持召开|召开)[^。\n]{{0,60}}?第\s*(?P<num>\d+|[一二三四五六七八九十百零〇]+)\s*次\s*"
    rf"(?:[市县区]?(?:人民)?政府)?{MEETING_KIND}",
    re.M,
)
_MEETING_HEADER_LINE = re.compile(
    rf"^[ \t\u3000]*(?:[{_OPEN}]?\s*\d{{4}}\s*[{_CLOSE}]?\s*)?第\s*(?:\d+|[一二三四五六七八九十]+)\s*[次期][ \t\u3000]*$"
    rf"|^.{{0,30}}(?:会议纪要|会议记录)\**[ \t\u3000]*$"
)
_DATE_LINE = re.compile(rf"^[ \t\u3000]*{DATE_PATTERN.pattern}(?:印发)?[ \t\u3000]*$")
_ORG_LINE = re.compile(
    r"^[ \t\u3000]*[\u4e00-\u9fff（）()]{2,40}(?:人民政府|政府|办公室|办公厅|委员会|管委会|局|委|办|厅|院|中心|指挥部|领导小组|工作专班)[ \t\u3000]*$"
)
_WEB_CHROME = re.compile(
    r"^[ \t\u3000]*(?:首页|当前位置|您(?:现在)?的位置|发布(?:时间|日期|机构)|来源[:：]|信息来源|浏览(?:次数|量)|阅读(?:次数|量)|"
    r"字号|【?\s*(?:打印|关闭|收藏|分享)|分享到|扫一扫|相关(?:链接|阅读|文章)|上一篇|下一篇|索引号|主题分类|"
    r"成文日期|发文机关|公开方式|公开范围|有效性|网站(?:地图|标识码)|版权所有|主办单位|ICP|政务公开|>|＞).*$"
)
_METADATA_LINE = re.compile(r"^[\u4e00-\u9fff]{2,6}[:：].{0,40}$")
_RULE_LINE = re.compile(r"^[━─—=＝_＿\-·•\*★☆\s]{3,}$")
_TOC_HEADING = re.compile(r"^[ \t\u3000]*(?:本期)?(?:目[ \t\u3000]*录|要[ \t\u3000]*目)[ \t\u3000]*$", re.M)
_SECTION_MARK = re.compile(r"^[ \t\u3000]*(?:[▲■●◆★☆]|【[^】]{2,12}】[ \t\u3000]*$|·[^·]{2,12}·[ \t\u3000]*$)")
_TOC_PAGE_FIRST = re.compile(r"^[ \t\u3000]*(?P<page>\d{1,4})[ \t\u3000]+(?=\S)")
_TOC_PAGE = re.compile(r"[…\.·。\s]*\t?\s*[（(]?(?P<page>\d{1,4})[）)]?\s*$")


def clean_doc_no(raw: str) -> str:
    return re.sub(r"[ \t\u3000]+", "", raw)


def split_documents(source: SourceText) -> Gazette:
    """Find every document of a gazette (or the single notice of a web page)."""
    text = source.text
    starts: list[tuple[int, str, re.Match]] = []  # (offset, "numbered"|"meeting", match)
    seen_numbers: set[str] = set()
    for m in DOC_NO_LINE.finditer(text):
        number = clean_doc_no(m.group("no"))
        has_title = _title_below(text, m.end(), len(text)) is not None or _title_above(text, m.start()) is not None
        if m.group("open") and _title_above(text, m.start()) is None:
            continue  # "(X〔2025〕3号)" alone is a document start only under its title
        if number in seen_numbers and (m.group("label") or not has_title):
            continue  # a page's "文号：…" box repeating the number of the notice above
        seen_numbers.add(number)
        starts.append((m.start(), "numbered", m))
    for m in MEETING_SENTENCE.finditer(text):
        starts.append((_meeting_start(text, m), "meeting", m))
    toc_end = min((s for s, _, _ in starts), default=len(text))
    toc = parse_toc(source, 0, toc_end)

    # A numbered document whose title stands above its 文号 (web layout) starts at the title.
    adjusted = []
    for offset, what, m in sorted(starts, key=lambda t: t[0]):
        if what == "numbered":
            title_above = _title_above(text, offset)
            if title_above is not None and _title_below(text, m.end(), len(text)) is None:
                offset = title_above
        adjusted.append((offset, what, m))
    adjusted = _drop_nested(text, adjusted)

    documents: list[Document] = []
    warnings: list[str] = []
    for i, (offset, what, m) in enumerate(adjusted):
        end = adjusted[i + 1][0] if i + 1 < len(adjusted) else len(text)
        end = _trim_trailing(text, offset, end)
        if what == "numbered":
            doc = _numbered_document(source, offset, end, m)
        else:
            doc = _meeting_document(source, offset, end, m, toc)
        documents.append(doc)

    if not documents:
        single = _single_notice(source)
        if single is not None:
            documents.append(single)
        else:
            warnings.append(f"{source.path}: no document recognised (no 文号 line, no meeting record, no notice title)")
    documents = [_with_paragraphs_and_tables(source, d) for d in documents]
    mismatches = compare_toc(toc, documents) if toc else []
    return Gazette(source=source, documents=documents, toc=toc, toc_mismatches=mismatches, warnings=warnings)


def _drop_nested(text: str, starts):
    """Keep one start per position. A meeting sentence without a minutes header
    inside numbered minutes (a 文号'd 会议纪要) belongs to those minutes."""
    out = []
    for item in starts:
        offset, what, m = item
        if out and offset == out[-1][0]:
            continue
        if what == "meeting" and out and out[-1][1] == "numbered" and offset != m.start() \
                and len(list(_nonblank_lines(text, out[-1][2].end(), offset))) == 0:
            continue  # numbered minutes: 文号 line, then the minutes' own header
        if what == "meeting" and offset == m.start() and out and out[-1][1] == "numbered":
            below = _title_below(text, out[-1][2].end(), offset)
            title = below[2] if below else ""
            above = _title_above(text, out[-1][2].start())
            if above is not None:
                title += text[above:out[-1][2].start()]
            if re.search(r"会议(?:纪要|记录)", title) and "关于" not in title:
                continue
        out.append(item)
    return out


def _meeting_start(text: str, m: re.Match) -> int:
    """Offset of the minutes' header block right above the meeting sentence, if any:
    title lines, "第N次", the issuer and the date, walked back line by line."""
    start = m.start()
    best = None
    for a, b in reversed(list(_nonblank_lines(text, max(0, start - 400), start))[-6:]):
        line = text[a:b]
        if _TOC_PAGE_FIRST.match(line) or re.search(r"[…\.·]{3,}", line):
            break  # an entry of the contents, not this record's header
        if _MEETING_HEADER_LINE.match(line):
            best = a
        elif not (_ORG_LINE.match(line) or _DATE_LINE.match(line) or _ORG_AND_DATE_LINE.match(line)
                  or _SECTION_MARK.match(line)):
            break
    return best if best is not None else start


def _trim_trailing(text: str, start: int, end: int) -> int:
    """Drop trailing blank lines and web chrome from a document's end."""
    lines = list(_lines(text, start, end))
    while lines and (not text[lines[-1][0]:lines[-1][1]].strip() or _WEB_CHROME.match(text[lines[-1][0]:lines[-1][1]])):
        if len(lines) == 1:
            break
        lines.pop()
    return lines[-1][1] if lines else end


def _title_below(text: str, pos: int, end: int) -> tuple[int, int, str] | None:
    """The title block right after the 文号 line: up to four lines before the addressee."""
    pieces = []
    first = last = None
    for a, b in _nonblank_lines(text, pos, end):
        line = strip_markup(text[a:b]).strip()
        if not pieces and (_RULE_LINE.match(line) or _WEB_CHROME.match(line) or _METADATA_LINE.match(line)):
            continue  # the masthead's rule, or a web page's metadata box, under the number
        if line.endswith(("：", ":")) or "。" in line or "\t" in line or len(pieces) >= 4:
            break
        pieces.append(line)
        first = a if first is None else first
        last = b
        if _TITLE_END.search(line):
            break
    title = squeeze_cjk_spaces("".join(pieces))
    if not pieces or not ("关于" in title or _TITLE_END.search(title)):
        return None
    return first, last, title


def _title_above(text: str, pos: int) -> int | None:
    """Start of a title printed above a 文号 (web pages, some gazettes). The title's last
    line ends in a genre word (or is a minutes title); it may be broken over lines
    ("X人民政府关于印发" / "《…》的通知"), and the issuer may stand on a line of its own."""
    lines = list(_nonblank_lines(text, max(0, pos - 400), pos))[-5:]
    if not lines:
        return None
    last = strip_markup(text[lines[-1][0]:lines[-1][1]]).strip()
    if _SECTION_MARK.match(last) or "。" in last or not (_TITLE_END.search(last) or last.endswith(("会议纪要", "会议记录"))):
        return None
    first = len(lines) - 1
    joined = last
    while "关于" not in joined and first > 0 and not joined.endswith(("会议纪要", "会议记录")):
        above = strip_markup(text[lines[first - 1][0]:lines[first - 1][1]]).strip()
        if "。" in above or above.endswith(("：", ":")) or _WEB_CHROME.match(above) or len(above) > 60:
            break
        first -= 1
        joined = above + joined
    if "关于" not in joined and not joined.endswith(("会议纪要", "会议记录")):
        return None
    if first > 0:
        above = strip_markup(text[lines[first - 1][0]:lines[first - 1][1]])
        if _ORG_LINE.match(above) and not _WEB_CHROME.match(above) and not joined.startswith(above.strip()):
            first -= 1
    return lines[first][0]


_ORG_AND_DATE_LINE = re.compile(
    rf"^[ \t\u3000]*(?P<org>[\u4e00-\u9fff（）()]{{2,40}}?(?:人民政府|政府|办公室|办公厅|委员会|管委会|局|委|办))"
    rf"[ \t\u3000]+(?P<date>{DATE_PATTERN.pattern})(?:印发)?[ \t\u3000]*$",
    re.M,
)


def _signing_block(text: str, start: int, end: int, last: bool = False) -> tuple[Span | None, Span | None]:
    """First (or last) (issuer, date) pair: an organisation name followed by a lone date on
    the next line, or both on one line ("…人民政府办公室      2025年4月8日"). Joint issuers
    print one organisation per line above the one date; the issuer span then covers them."""
    lines = list(_nonblank_lines(text, start, end))
    found = []
    for i, (a, b) in enumerate(lines):
        if _DATE_LINE.match(text[a:b]) and i > 0:
            pa, pb = lines[i - 1]
            if _ORG_LINE.match(text[pa:pb]):
                if i > 1 and _ORG_LINE.match(text[lines[i - 2][0]:lines[i - 2][1]]) \
                        and len(text[lines[i - 2][0]:lines[i - 2][1]].strip()) <= 20:
                    pa = lines[i - 2][0]  # a second issuer on the line above
                found.append((_strip_span(text, pa, pb), _strip_span(text, a, b)))
        both = None if found and found[-1][1].end > a else _ORG_AND_DATE_LINE.match(text, a, b)
        if both:
            found.append((Span.of(text, both.start("org"), both.end("org")),
                          Span.of(text, both.start("date"), both.end("date"))))
        if found and not last:
            break
    if not found:
        return None, None
    return found[-1] if last else found[0]


def _issuer_text(span: Span) -> str:
    """Joint issuers on separate lines are joined with 、."""
    return "、".join(squeeze_cjk_spaces(line) for line in span.text.split("\n") if line.strip())


def _strip_span(text: str, a: int, b: int) -> Span:
    segment = text[a:b]
    lead = len(segment) - len(segment.lstrip())
    trail = len(segment) - len(segment.rstrip())
    return Span.of(text, a + lead, b - trail)


def _kind_of(title: str) -> str:
    match = re.search(rf"({'|'.join(GENRES)})\W*$", title)
    if match:
        return match.group(1)
    hits = [(title.rfind(g), g) for g in GENRES if g in title]
    return max(hits)[1] if hits else "文件"


def _issuer_from_title(title: str) -> str | None:
    head = title.split("关于", 1)[0]
    return head or None


def _numbered_document(source: SourceText, start: int, end: int, m: re.Match) -> Document:
    text = source.text
    doc_no = clean_doc_no(m.group("no"))
    doc_no_span = _strip_span(text, m.start("no"), m.end("no"))
    below = _title_below(text, m.end(), end)
    if below is not None:
        title_start, title_end, title = below
    else:
        title_start = _title_above(text, m.start())
        if title_start is not None and title_start < m.start():
            above = list(_nonblank_lines(text, title_start, m.start()))
            title_end = above[-1][1]
            title = squeeze_cjk_spaces(strip_markup("".join(text[x:y] for x, y in above)))
        else:
            title_start, title_end, title = m.end(), m.end(), doc_no
    body_start = max(title_end, m.end())
    issuer_span, date_span = _signing_block(text, body_start, end)
    issuer = _issuer_text(issuer_span) if issuer_span else _issuer_from_title(title)
    meeting_kind = meeting_number = None
    if re.search(r"会议(?:纪要|记录)", title) and "关于" not in title:
        # numbered minutes (X府阅〔2025〕4号): the meeting's kind and number are in the text
        held = re.search(rf"第\s*(?P<num>\d+)\s*次\s*{MEETING_KIND}", text[start:end])
        kind_in_title = re.search(MEETING_KIND, title)
        meeting_kind = held.group("kind") if held else (kind_in_title.group("kind") if kind_in_title else "会议")
        meeting_number = int(held.group("num")) if held else None
    return Document(
        source=source.name, doc_no=doc_no, title=title, issuer=issuer,
        date=parse_date(date_span.text) if date_span else None, kind=_kind_of(title),
        span=Span.of(text, start, end), body_start=body_start,
        title_span=Span.of(text, title_start, title_end) if title_end > title_start else None,
        issuer_span=issuer_span, date_span=date_span, doc_no_span=doc_no_span,
        is_meeting=meeting_kind is not None, meeting_kind=meeting_kind, meeting_number=meeting_number,
    )


def _meeting_document(source: SourceText, start: int, end: int, m: re.Match, toc: list[TocEntry]) -> Document:
    text = source.text
    kind = m.group("kind")
    number = chinese_number(m.group("num"))
    held = parse_date(m.group("date"))
    title = None
    for entry in toc:
        squeezed = squeeze_cjk_spaces(entry.title)
        numbered = re.search(r"第(\d+|[一二三四五六七八九十百零〇]+)次", squeezed)
        if entry.doc_no is None and numbered and chinese_number(numbered.group(1)) == number and kind in squeezed:
            title = squeezed
            break
    if title is None:
        header = squeeze_cjk_spaces(strip_markup(text[start:m.start()]))
        titled = re.search(r"[^\n]{0,30}(?:会议纪要|会议记录)", header)
        year = held[:4] if held else (parse_date(text[start:end]) or "")[:4]
        numbered = re.search(r"第(\d+|[一二三四五六七八九十百零〇]+)次", titled.group(0)) if titled else None
        title = (titled.group(0).lstrip("▲■●◆★☆") if numbered and chinese_number(numbered.group(1)) == number
                 else f"{year}年第{number}次{kind}纪要")
    issuer_span, date_span = _signing_block(text, start, m.start() + 1)
    if issuer_span is None:  # some minutes sign at the end, after the attendance lines
        issuer_span, date_span = _signing_block(text, m.end(), end, last=True)
    return Document(
        source=source.name, doc_no=title, title=title,
        issuer=_issuer_text(issuer_span) if issuer_span else None,
        date=parse_date(date_span.text) if date_span else held, kind="纪要",
        span=Span.of(text, start, end), body_start=m.start(),
        title_span=None, issuer_span=issuer_span, date_span=date_span,
        doc_no_span=_strip_span(text, *next(_nonblank_lines(text, start, end))),
        is_meeting=True, meeting_kind=kind, meeting_number=number,
    )


def _single_notice(source: SourceText) -> Document | None:
    """A web page or pasted notice without a 文号 line: title, body, signature.
    Pasted minutes ("青山县人民政府常务会议纪要" over "第3次") count too."""
    text = source.text
    for a, b in _nonblank_lines(text, 0, len(text)):
        line = strip_markup(text[a:b]).strip()
        if _WEB_CHROME.match(line):
            continue
        is_notice = "关于" in line and _TITLE_END.search(line)
        is_minutes = bool(re.search(r"会议(?:纪要|记录)$", line)) and "关于" not in line
        if (is_notice or is_minutes) and "。" not in line and len(line) < 120:
            title = squeeze_cjk_spaces(line)
            end = _trim_trailing(text, a, len(text))
            found = DOC_NO_ANYWHERE.search(text, b, end)
            doc_no = clean_doc_no(found.group(0)) if found and found.start() - b < 200 else title
            issuer_span, date_span = _signing_block(text, b, end)
            kind = number = None
            if is_minutes:
                held = re.search(rf"第\s*(?P<num>\d+)\s*次\s*{MEETING_KIND}", text[a:end])
                kind_in_title = re.search(MEETING_KIND, title)
                kind = held.group("kind") if held else (kind_in_title.group("kind") if kind_in_title else "会议")
                numbered = held or re.search(r"第\s*(?P<num>\d+)\s*次", text[b:min(end, b + 200)])
                number = int(numbered.group("num")) if numbered else None
            return Document(
                source=source.name, doc_no=doc_no, title=title,
                issuer=_issuer_text(issuer_span) if issuer_span else _issuer_from_title(title),
                date=parse_date(date_span.text) if date_span else None,
                kind="纪要" if is_minutes else _kind_of(title),
                span=Span.of(text, a, end), body_start=b, title_span=Span.of(text, a, b),
                issuer_span=issuer_span, date_span=date_span,
                is_meeting=is_minutes, meeting_kind=kind, meeting_number=number,
            )
    return None


_PAGE_NUMBER_LINE = re.compile(r"^[ \t\u3000]*[—\-－·•]*[ \t\u3000]*(?:第[ \t\u3000]*)?\d{1,4}[ \t\u3000]*页?[ \t\u3000]*[—\-－·•]*[ \t\u3000]*$")
_RUNNING_HEAD = re.compile(r"公报|第[0-9一二三四五六七八九十]+期")


@lru_cache(maxsize=8)
def page_furniture(text: str) -> frozenset[str]:
    """Running heads of a printed gazette: short lines naming the gazette or its issue
    that stand again and again between the pages (not part of any paragraph)."""
    counts = Counter(line.strip() for line in text.split("\n") if 0 < len(line.strip()) <= 50)
    return frozenset(line for line, n in counts.items() if n >= 2 and _RUNNING_HEAD.search(line)
                     and "。" not in line and "关于" not in line)


def _is_page_furniture(line: str, furniture: frozenset[str]) -> bool:
    line = line.strip()
    return (line in furniture or bool(_PAGE_NUMBER_LINE.match(line))
            or ("公报" in line and bool(re.search(r"第\S{1,4}期", line)) and len(line) <= 60 and "。" not in line))


def _with_paragraphs_and_tables(source: SourceText, doc: Document) -> Document:
    from kg.ingest.tables import split_table_rows

    text = source.text
    tables = tuple(split_table_rows(text, doc.body_start, doc.end))
    furniture = page_furniture(text)
    paragraphs = tuple(
        Paragraph(_strip_span(text, a, b))
        for a, b in _nonblank_lines(text, doc.body_start, doc.end)
        if "\t" not in text[a:b] and not _WEB_CHROME.match(text[a:b]) and not _is_page_furniture(text[a:b], furniture)
    )
    doc = replace(doc, paragraphs=paragraphs, tables=tables)
    if source.printed is not None:  # traditional characters: report what is printed
        def printed(value):
            return printed_form(value, text, source.printed, 0, len(text), source.offsets) if value else value

        doc = replace(doc, doc_no=printed(doc.doc_no), title=printed(doc.title), issuer=printed(doc.issuer))
    return doc


# --- table of contents ------------------------------------------------------

def parse_toc(source: SourceText, start: int, end: int) -> list[TocEntry]:
    """Entries of the 目录 between its heading and the first document."""
    text = source.text
    heading = _TOC_HEADING.search(text, start, end)
    if heading is None:
        return []
    entries: list[TocEntry] = []
    pending: list[tuple[int, int]] = []
    for a, b in _nonblank_lines(text, heading.end(), end):
        line = text[a:b]
        page = _TOC_PAGE.search(line)
        leading = _TOC_PAGE_FIRST.match(line) if page is None or page.start() == 0 else None
        if leading:  # "14　X人民政府关于…的通知": the page number printed first
            page, line = leading, line[leading.end():] + " "
        if _SECTION_MARK.match(line):
            pending = []
            continue  # "▲会议纪要", "【市政府文件】": section headings of the contents
        if page is None or (page.start() == 0 and not leading):
            stripped = line.strip()
            if "关于" in stripped or _TITLE_END.search(stripped) or pending:
                pending.append((a, b))
            if len(pending) > 3:
                pending = pending[-1:]
            continue
        first = pending[0][0] if pending else a
        whole = "".join(text[x:y] for x, y in pending) + (line if leading else line[: page.start()])
        pending = []
        doc_no = None
        found = (re.search(rf"[（(]\s*({DOC_NO})\s*[）)]", whole)
                 or re.search(rf"(?:^|[ \t\u3000])({DOC_NO})(?=[ \t\u3000]|$)", whole.strip()))
        if found and found.re.pattern.startswith("(?:^"):
            whole = whole.strip()
        if found:
            doc_no = clean_doc_no(found.group(1))
            whole = whole[: found.start()] + whole[found.end():]
        title = squeeze_cjk_spaces(strip_markup(whole).strip(" …\t.·\u3000▲■●◆"))
        if not title or (doc_no is None and not _TITLE_END.search(title) and "纪要" not in title):
            continue  # address lines, phone numbers: not entries
        if source.printed is not None:  # traditional characters: report what is printed
            title = printed_form(title, text, source.printed, first, b, source.offsets)
            doc_no = printed_form(doc_no, text, source.printed, first, b, source.offsets) if doc_no else None
        entries.append(TocEntry(title=title, doc_no=doc_no, page=int(page.group("page")), span=Span.of(text, first, b)))
    return entries


def compare_toc(toc: list[TocEntry], documents: list[Document]) -> list[TocMismatch]:
    """Where the table of contents and the document bodies disagree. Entries are
    matched by number, else (minutes, unnumbered notices) by title."""
    mismatches = []
    by_no = {d.doc_no: d for d in documents}
    by_title = {squeeze_cjk_spaces(d.title): d for d in documents}
    seen = set()
    for entry in toc:
        doc = by_no.get(entry.doc_no or entry.title) or (
            None if entry.doc_no else by_title.get(squeeze_cjk_spaces(entry.title)))
        if doc is None:
            mismatches.append(TocMismatch(entry.doc_no or entry.title, "missing_in_body", entry.title, None))
            continue
        seen.add(doc.doc_no)
        if squeeze_cjk_spaces(entry.title) != squeeze_cjk_spaces(doc.title):
            mismatches.append(TocMismatch(doc.doc_no, "title", entry.title, doc.title))
    for doc in documents:
        if doc.doc_no not in seen:
            mismatches.append(TocMismatch(doc.doc_no, "missing_in_toc", None, doc.title))
    return mismatches
